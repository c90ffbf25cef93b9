//go:build !purego

#include "textflag.h"

// Blending of a thin pen's coverage (thin.go, flush), four pixels per step.
//
// The table holds, for each coverage a, the source scaled by a in four
// 16-bit lanes in byte order (R, G, B, A) at sv[a], and 255 minus its alpha
// in all four lanes at inv[a] (2048 bytes further). Each channel d of a
// pixel becomes sv + round(d·inv/255), rounded as div255: t = d·inv + 128;
// (t + t>>8) >> 8 (no 16-bit lane overflows: d·inv <= 65025). The sum never
// exceeds 255 (the source is premultiplied), so PACKUSWB packs it as the Go
// loop's pack does. A coverage of 0 gives sv 0 and inv 255: the pixel is
// written back as it was, so a step of four pixels needs no test per pixel.

// QUAD blends the four pixels at c(SI) (coverage) and p(DI) (pixels);
// AX and DX are clobbered, X0 is zero and X6 holds 128 in every lane.
#define QUAD(c, p) \
	MOVBLZX c+0(SI), AX; \
	MOVBLZX c+1(SI), DX; \
	MOVQ (R8)(AX*8), X1; \
	MOVHPS (R8)(DX*8), X1; \
	MOVQ (R9)(AX*8), X2; \
	MOVHPS (R9)(DX*8), X2; \
	MOVOU p(DI), X3; \
	MOVO X3, X4; \
	PUNPCKLBW X0, X3; \
	PMULLW X2, X3; \
	PADDW X6, X3; \
	MOVO X3, X5; \
	PSRLW $8, X5; \
	PADDW X5, X3; \
	PSRLW $8, X3; \
	PADDW X1, X3; \
	MOVBLZX c+2(SI), AX; \
	MOVBLZX c+3(SI), DX; \
	MOVQ (R8)(AX*8), X1; \
	MOVHPS (R8)(DX*8), X1; \
	MOVQ (R9)(AX*8), X2; \
	MOVHPS (R9)(DX*8), X2; \
	PUNPCKHBW X0, X4; \
	PMULLW X2, X4; \
	PADDW X6, X4; \
	MOVO X4, X5; \
	PSRLW $8, X5; \
	PADDW X5, X4; \
	PSRLW $8, X4; \
	PADDW X1, X4; \
	PACKUSWB X4, X3; \
	MOVOU X3, p(DI)

// func flushRowsSSE2(cov, pix []byte, rows, xmin, xmax []int32, w, stride, pixOff int, tab *flushTab) (ok bool)
//
// For each relative row ry of rows, blends columns xmin[ry]…xmax[ry] of
// the w-wide coverage buffer cov onto pix (the clip's top-left pixel at
// pixOff, rows stride bytes apart), clears that coverage and marks the row
// clean (xmin MaxInt32, xmax -1). The span is widened to whole steps of four
// pixels when it stays inside the row (the added pixels have no coverage);
// runs of 16 zero coverage bytes are passed over. The caller checks that cov
// holds len(xmin) rows of w bytes and pix the clip; a row or column out of
// range stops the kernel with ok false.
TEXT ·flushRowsSSE2(SB), NOSPLIT, $0-153
	MOVQ tab+144(FP), R8
	LEAQ 2048(R8), R9
	MOVQ xmin_base+72(FP), R12
	MOVQ xmax_base+96(FP), R13
	XORQ R11, R11
	PXOR X0, X0
	MOVQ $0x0080008000800080, AX
	MOVQ AX, X6
	PUNPCKLQDQ X6, X6

row:
	CMPQ R11, rows_len+56(FP)
	JGE fin
	MOVQ rows_base+48(FP), R10
	MOVLQSX (R10)(R11*4), AX
	INCQ R11
	CMPQ AX, xmin_len+80(FP)
	JAE bad
	CMPQ AX, xmax_len+104(FP)
	JAE bad
	MOVLQSX (R12)(AX*4), CX
	MOVLQSX (R13)(AX*4), DX
	MOVL $0x7fffffff, (R12)(AX*4)
	MOVL $-1, (R13)(AX*4)
	CMPQ CX, DX
	JGT row
	TESTQ CX, CX
	JLT bad
	MOVQ w+120(FP), BX
	CMPQ DX, BX
	JGE bad

	// SI: cov + ry·w + x0; DI: pix + pixOff + ry·stride + 4·x0.
	MOVQ AX, SI
	IMULQ BX, SI
	ADDQ CX, SI
	ADDQ cov_base+0(FP), SI
	MOVQ AX, DI
	IMULQ stride+128(FP), DI
	ADDQ pixOff+136(FP), DI
	LEAQ (DI)(CX*4), DI
	ADDQ pix_base+24(FP), DI

	// BX: the pixels, n = x1-x0+1 rounded up to a multiple of four when
	// that stays inside the row.
	SUBQ CX, DX
	INCQ DX
	LEAQ 3(DX), AX
	ANDQ $-4, AX
	ADDQ AX, CX
	CMPQ CX, BX
	MOVQ DX, BX
	JGT blocks
	MOVQ AX, BX

blocks:
	MOVQ BX, CX
	SHRQ $4, CX
	JEQ quads

block:
	MOVOU (SI), X1
	PCMPEQB X0, X1
	PMOVMSKB X1, R10
	XORL $0xffff, R10
	JEQ bnext
	TESTL $0x000f, R10
	JEQ g1
	QUAD(0, 0)
g1:
	TESTL $0x00f0, R10
	JEQ g2
	QUAD(4, 16)
g2:
	TESTL $0x0f00, R10
	JEQ g3
	QUAD(8, 32)
g3:
	TESTL $0xf000, R10
	JEQ g4
	QUAD(12, 48)
g4:
	MOVOU X0, (SI)

bnext:
	ADDQ $16, SI
	ADDQ $64, DI
	DECQ CX
	JNE block

quads:
	MOVQ BX, CX
	SHRQ $2, CX
	ANDQ $3, CX
	JEQ singles

quad:
	MOVL (SI), AX
	TESTL AX, AX
	JEQ qnext
	QUAD(0, 0)
	MOVL $0, (SI)

qnext:
	ADDQ $4, SI
	ADDQ $16, DI
	DECQ CX
	JNE quad

singles:
	ANDQ $3, BX
	JEQ row

single:
	MOVBLZX (SI), AX
	TESTL AX, AX
	JEQ snext
	MOVB $0, (SI)
	MOVQ (R8)(AX*8), X1
	MOVQ (R9)(AX*8), X2
	MOVL (DI), X3
	PUNPCKLBW X0, X3
	PMULLW X2, X3
	PADDW X6, X3
	MOVO X3, X5
	PSRLW $8, X5
	PADDW X5, X3
	PSRLW $8, X3
	PADDW X1, X3
	PACKUSWB X3, X3
	MOVL X3, (DI)

snext:
	INCQ SI
	ADDQ $4, DI
	DECQ BX
	JNE single
	JMP row

fin:
	MOVB $1, ok+152(FP)
	RET

bad:
	MOVB $0, ok+152(FP)
	RET
