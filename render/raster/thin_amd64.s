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
// (xmin MaxInt32, xmax -1). A span of at most 4 (8) pixels, in a row at
// least 4 (8) wide, is one (two) 4-pixel steps over a window holding it
// (pixels of the row outside the span have no coverage: they are written
// back as they were). A longer span is widened to an even number of pixels
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

	// A span of at most 4 (or 8) pixels is blended as one (two) 4-pixel
	// steps over the window of 4 (8) pixels starting at x0, moved left
	// to end at the row's end when it would pass it: the window's pixels
	// outside the span have no coverage (the row is clean there) and are
	// written back as they were. No loop, no test of the coverage.
	MOVQ DX, BX
	SUBQ CX, BX
	CMPQ BX, $3
	JHI short8
	MOVQ w+120(FP), R9
	SUBQ $4, R9
	JLT long
	SUBQ CX, R9
	JGE short4go
	ADDQ R9, SI
	LEAQ (DI)(R9*4), DI

short4go:
	QUAD(0, 0)
	MOVL $0, (SI)
	JMP row

short8:
	CMPQ BX, $7
	JHI long
	MOVQ w+120(FP), R9
	SUBQ $8, R9
	JLT long
	SUBQ CX, R9
	JGE short8go
	ADDQ R9, SI
	LEAQ (DI)(R9*4), DI

short8go:
	QUAD(0, 0)
	QUAD(4, 16)
	MOVQ $0, (SI)
	JMP row

long:
	// BX: the pixels, x1-x0+1, made even when that stays inside the row.
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

// func stripRowsSSE2(j *stripJob)
//
// strip's walk (thin.go) over rows j.y0…j.y1, with the same arithmetic in
// the same order (no fused multiply-add, as Go compiles it on amd64): per
// row y, lo = sLo + y·qs, hi = sHi + y·qs, raised to tLo + y·qt and lowered
// to tHi + y·qt (t > lo, t < hi), then clamped to xlo…xhi; NaN bounds skip
// the row as the Go comparisons do. x0 = ceil(lo), x1 = floor(hi) by
// truncation and a correction (exact: both lie in the clip); the distance
// sk = (k0 + y·ky) + x0·kx, stepped by kx, indexes the table with
// int(|sk| + 0.5) & 127, and each pixel keeps the larger coverage. A row
// written to has its dirty columns widened, or is added to j.rows when
// clean. The caller checks that every row and column lies in the buffer.
//
// stripJob field offsets: sLo 0, sHi 8, tLo 16, tHi 24, qs 32, qt 40,
// xlo 48, xhi 56, k0 64, ky 72, kx 80, y0 88, y1 96, cov 104, w 112, mx 120,
// my 128, tab 136, xmin 144, xmax 152, rows 160, nrows 168.
TEXT ·stripRowsSSE2(SB), NOSPLIT, $0-8
	MOVQ j+0(FP), R8
	MOVSD 0(R8), X8
	MOVSD 8(R8), X9
	MOVSD 32(R8), X10
	MOVSD 40(R8), X11
	MOVSD 80(R8), X12
	MOVQ $0x7fffffffffffffff, AX
	MOVQ AX, X13
	MOVQ $0x3fe0000000000000, AX
	MOVQ AX, X14
	MOVQ 136(R8), R11
	MOVQ 144(R8), R12
	MOVQ 152(R8), R13
	MOVQ 88(R8), R9
	CMPQ R9, 96(R8)
	JGT sdone

srow:
	CVTSQ2SD R9, X0
	MOVSD X0, X1
	MULSD X10, X1
	MOVSD X1, X2
	ADDSD X8, X2
	MOVSD X1, X3
	ADDSD X9, X3
	MOVSD X0, X1
	MULSD X11, X1
	MOVSD X1, X4
	ADDSD 16(R8), X4
	UCOMISD X2, X4
	JLS s1
	MOVSD X4, X2
s1:
	MOVSD X1, X4
	ADDSD 24(R8), X4
	UCOMISD X4, X3
	JLS s2
	MOVSD X4, X3
s2:
	MOVSD 48(R8), X5
	UCOMISD X2, X5
	JLS s3
	MOVSD X5, X2
s3:
	MOVSD 56(R8), X5
	UCOMISD X5, X3
	JLS s4
	MOVSD X5, X3
s4:
	UCOMISD X2, X3
	JCS snext

	// x0 = ceil(lo) in AX, x1 = floor(hi) in DX.
	CVTTSD2SQ X2, AX
	CVTSQ2SD AX, X4
	UCOMISD X2, X4
	JCC s5
	INCQ AX
s5:
	CVTTSD2SQ X3, DX
	CVTSQ2SD DX, X4
	UCOMISD X3, X4
	JLS s6
	DECQ DX
s6:
	CMPQ AX, DX
	JGT snext

	// sk = (k0 + y·ky) + x0·kx in X1.
	MOVSD 72(R8), X1
	MULSD X0, X1
	ADDSD 64(R8), X1
	CVTSQ2SD AX, X4
	MULSD X12, X4
	ADDSD X4, X1

	// DI: the relative row; SI: cov + ry·w + x0 - mx; R10: the last pixel.
	MOVQ R9, DI
	SUBQ 128(R8), DI
	MOVQ DI, SI
	IMULQ 112(R8), SI
	ADDQ AX, SI
	SUBQ 120(R8), SI
	ADDQ 104(R8), SI
	MOVQ DX, R10
	SUBQ AX, R10
	ADDQ SI, R10
	XORL BX, BX

spix:
	MOVSD X1, X2
	ANDPD X13, X2
	ADDSD X14, X2
	CVTTSD2SQ X2, CX
	ANDL $127, CX
	MOVBLZX (R11)(CX*1), CX
	CMPB CL, (SI)
	JLS spnext
	MOVB CL, (SI)
	MOVL $1, BX

spnext:
	ADDSD X12, X1
	INCQ SI
	CMPQ SI, R10
	JLS spix

	TESTL BX, BX
	JEQ snext
	// Dirty columns x0-mx…x1-mx of row DI.
	SUBQ 120(R8), AX
	SUBQ 120(R8), DX
	MOVL (R12)(DI*4), CX
	CMPL CX, $0x7fffffff
	JNE smerge
	MOVQ 160(R8), R10
	MOVQ 168(R8), CX
	MOVL DI, (R10)(CX*4)
	INCQ CX
	MOVQ CX, 168(R8)
	MOVL AX, (R12)(DI*4)
	MOVL DX, (R13)(DI*4)
	JMP snext

smerge:
	CMPL AX, CX
	JGE s7
	MOVL AX, (R12)(DI*4)
s7:
	MOVL (R13)(DI*4), CX
	CMPL DX, CX
	JLE snext
	MOVL DX, (R13)(DI*4)

snext:
	INCQ R9
	CMPQ R9, 96(R8)
	JLE srow

sdone:
	RET
