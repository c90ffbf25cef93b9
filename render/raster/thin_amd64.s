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

// QUAD blends the four pixels at c(SI) (coverage) and p(DI) (pixels), the
// table at R8; AX and DX are clobbered, X0 is zero and X6 holds 128 in
// every lane.
#define QUAD(c, p) \
	MOVBLZX c+0(SI), AX; \
	MOVBLZX c+1(SI), DX; \
	MOVQ (R8)(AX*8), X1; \
	MOVHPS (R8)(DX*8), X1; \
	MOVQ 2048(R8)(AX*8), X2; \
	MOVHPS 2048(R8)(DX*8), X2; \
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
	MOVQ 2048(R8)(AX*8), X2; \
	MOVHPS 2048(R8)(DX*8), X2; \
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

// PAIR blends the two pixels at c(SI) and p(DI) as QUAD does.
#define PAIR(c, p) \
	MOVBLZX c+0(SI), AX; \
	MOVBLZX c+1(SI), DX; \
	MOVQ (R8)(AX*8), X1; \
	MOVHPS (R8)(DX*8), X1; \
	MOVQ 2048(R8)(AX*8), X2; \
	MOVHPS 2048(R8)(DX*8), X2; \
	MOVQ p(DI), X3; \
	PUNPCKLBW X0, X3; \
	PMULLW X2, X3; \
	PADDW X6, X3; \
	MOVO X3, X5; \
	PSRLW $8, X5; \
	PADDW X5, X3; \
	PSRLW $8, X3; \
	PADDW X1, X3; \
	PACKUSWB X3, X3; \
	MOVQ X3, p(DI)

// func flushRowsSSE2(cov, pix []byte, rows, xmin, xmax []int32, w, stride int, tab *flushTab) (ok bool)
//
// For each relative row ry of rows, blends columns xmin[ry]…xmax[ry] of
// the w-wide coverage buffer cov onto pix (the clip's top-left pixel first,
// rows stride bytes apart), clears that coverage and marks the row clean
// (xmin MaxInt32, xmax -1). The span is widened to an even number of pixels
// when it stays inside the row (the added pixel has no coverage), and taken
// 16, then 4, then 2 pixels at a time; 16 or 4 zero coverage bytes are
// passed over. The caller checks that cov holds len(xmin) rows of w bytes,
// pix the clip, and len(xmax) = len(xmin); a row or column out of range
// stops the kernel with ok false.
TEXT ·flushRowsSSE2(SB), NOSPLIT, $0-145
	MOVQ tab+136(FP), R8
	MOVQ xmin_base+72(FP), R12
	MOVQ xmax_base+96(FP), R13
	MOVQ rows_base+48(FP), R10
	MOVQ rows_len+56(FP), R11
	LEAQ (R10)(R11*4), R11
	PXOR X0, X0
	MOVQ $0x0080008000800080, AX
	MOVQ AX, X6
	PUNPCKLQDQ X6, X6

row:
	CMPQ R10, R11
	JEQ fin
	MOVLQSX (R10), AX
	ADDQ $4, R10
	CMPQ AX, xmin_len+80(FP)
	JAE bad
	MOVLQSX (R12)(AX*4), CX
	MOVLQSX (R13)(AX*4), DX
	MOVL $0x7fffffff, (R12)(AX*4)
	MOVL $-1, (R13)(AX*4)
	CMPQ CX, DX
	JGT row
	TESTQ CX, CX
	JLT bad
	CMPQ DX, w+120(FP)
	JGE bad

	// SI: cov + ry·w + x0; DI: pix + ry·stride + 4·x0.
	MOVQ AX, SI
	IMULQ w+120(FP), SI
	ADDQ CX, SI
	ADDQ cov_base+0(FP), SI
	IMULQ stride+128(FP), AX
	ADDQ pix_base+24(FP), AX
	LEAQ (AX)(CX*4), DI

	// BX: the pixels, x1-x0+1, made even when that stays inside the row.
	MOVQ DX, BX
	SUBQ CX, BX
	INCQ BX
	TESTQ $1, BX
	JEQ blocks
	INCQ DX
	CMPQ DX, w+120(FP)
	JGE blocks
	INCQ BX

blocks:
	MOVQ BX, CX
	SHRQ $4, CX
	JEQ quads

block:
	MOVOU (SI), X1
	PCMPEQB X0, X1
	PMOVMSKB X1, R9
	XORL $0xffff, R9
	JEQ bnext
	TESTL $0x000f, R9
	JEQ g1
	QUAD(0, 0)
g1:
	TESTL $0x00f0, R9
	JEQ g2
	QUAD(4, 16)
g2:
	TESTL $0x0f00, R9
	JEQ g3
	QUAD(8, 32)
g3:
	TESTL $0xf000, R9
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
	JEQ pair

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

pair:
	TESTQ $2, BX
	JEQ single
	MOVWLZX (SI), AX
	TESTL AX, AX
	JEQ pnext
	PAIR(0, 0)
	MOVW $0, (SI)

pnext:
	ADDQ $2, SI
	ADDQ $8, DI

single:
	TESTQ $1, BX
	JEQ row
	MOVBLZX (SI), AX
	TESTL AX, AX
	JEQ row
	MOVB $0, (SI)
	MOVQ (R8)(AX*8), X1
	MOVQ 2048(R8)(AX*8), X2
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
	JMP row

fin:
	MOVB $1, ok+144(FP)
	RET

bad:
	MOVB $0, ok+144(FP)
	RET
