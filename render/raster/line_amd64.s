//go:build !purego

#include "textflag.h"

// func lineDenseAsm(j *lineJob, x1, y1, x2, y2 int)
//
// rasterizer.line and hlineDense for the dense store, in 1/256 px fixed
// point: the edge (x1, y1)–(x2, y2) walked row by row (rows prow0..prow1
// only), each row's part adding (cover, area) to the cells it crosses and
// marking them in the row's bitmap words, with the same integer arithmetic
// as the Go code (64-bit floor divisions for the row boundaries, 32-bit
// truncated ones within a row, 32-bit sums). A row outside the window or a
// column outside [0, gw) stops it with j.bad set.
//
// lineJob: grid 0, bitmap 8, gw 16, bw 24, wx0 32, wy0 40, prow0 48,
// prow1 56, rowMin 64, rowMax 72, wrows 80, bad 88, xlo 96, xhi 104.
//
// Frame (hardware SP): j 0, n 8, jhi 16, xb 24, rem 32, lift 40, rstep 48,
// ady 56, first 64, incr 72, x2 80, fy2 88, row 96, xFrom 104, fya 112,
// xTo 120, fyb 128, lastArea 136, cell and bitmap steps between rows
// 144 and 152.

// SETBIT marks column r (R10 the row's bitmap words); AX, CX clobbered.
#define SETBIT(r) \
	MOVQ r, CX; \
	SHRQ $6, CX; \
	MOVQ (R10)(CX*8), AX; \
	BTSQ r, AX; \
	MOVQ AX, (R10)(CX*8)

// FLOORDIV sets AX = floor(AX / d), DX = AX mod d (d > 0, in memory or a
// register other than AX, DX and R13), without a branch; R13 clobbered.
#define FLOORDIV(d) \
	CQO; \
	IDIVQ d; \
	MOVQ DX, R13; \
	SARQ $63, R13; \
	ADDQ R13, AX; \
	ANDQ d, R13; \
	ADDQ R13, DX

TEXT ·lineDenseAsm(SB), NOSPLIT, $160-40
	MOVQ j+0(FP), R8
	MOVQ x1+8(FP), R11
	MOVQ y1+16(FP), R13
	MOVQ x2+24(FP), R12
	MOVQ y2+32(FP), R14
	MOVQ R14, BX
	SUBQ R13, BX // dy
	JEQ ret
	MOVQ R12, 80(SP)
	MOVQ R14, AX
	ANDQ $255, AX
	MOVQ AX, 88(SP) // fy2
	MOVQ R13, SI
	SARQ $8, SI // ey1
	MOVQ R13, R9
	ANDQ $255, R9 // fy1
	MOVQ R14, DI
	SARQ $8, DI // ey2
	CMPQ SI, DI
	JNE rows
	// Within one row.
	CMPQ SI, 48(R8)
	JLT ret
	CMPQ SI, 56(R8)
	JGT ret
	MOVQ $0, 0(SP)
	MOVQ $0, 8(SP)
	MOVQ $0, 16(SP)
	MOVQ $1, 72(SP)
	MOVQ SI, 96(SP)
	MOVQ R11, 104(SP)
	MOVQ R9, 112(SP)
	JMP start

rows:
	// R15 = d0, CX = jlo, DX = jhi (from n).
	TESTQ BX, BX
	JLT up
	MOVQ $1, 72(SP)
	MOVQ $256, 64(SP)
	MOVQ BX, 56(SP) // ady = dy
	MOVQ $256, R15
	SUBQ R9, R15 // d0 = 256 - fy1
	CMPQ SI, 56(R8)
	JGT ret // ey1 > prow1
	CMPQ DI, 48(R8)
	JLT ret // ey2 < prow0
	MOVQ DI, AX
	SUBQ SI, AX
	MOVQ AX, 8(SP) // n = ey2 - ey1
	MOVQ 48(R8), CX
	SUBQ SI, CX // prow0 - ey1
	MOVQ 56(R8), DX
	SUBQ SI, DX // prow1 - ey1
	JMP clamp

up:
	MOVQ $-1, 72(SP)
	MOVQ $0, 64(SP)
	NEGQ BX
	MOVQ BX, 56(SP) // ady = -dy
	MOVQ R9, R15 // d0 = fy1
	CMPQ DI, 56(R8)
	JGT ret // ey2 > prow1
	CMPQ SI, 48(R8)
	JLT ret // ey1 < prow0
	MOVQ SI, AX
	SUBQ DI, AX
	MOVQ AX, 8(SP) // n = ey1 - ey2
	MOVQ SI, CX
	SUBQ 56(R8), CX // ey1 - prow1
	MOVQ SI, DX
	SUBQ 48(R8), DX // ey1 - prow0

clamp:
	TESTQ CX, CX
	JGE 2(PC)
	XORQ CX, CX // jlo = max(0, …)
	CMPQ DX, 8(SP)
	JLE 2(PC)
	MOVQ 8(SP), DX // jhi = min(n, …)
	MOVQ CX, 0(SP) // j = jlo
	MOVQ DX, 16(SP)
	// row = ey1 + jlo·incr
	MOVQ CX, AX
	IMULQ 72(SP), AX
	ADDQ SI, AX
	MOVQ AX, 96(SP)
	// R12 = dx = x2 - x1
	SUBQ R11, R12
	// xb, rem at boundary jlo: q = (d0 + 256·jlo)·dx
	MOVQ CX, AX
	SHLQ $8, AX
	ADDQ R15, AX
	IMULQ R12, AX
	FLOORDIV(56(SP))
	ADDQ R11, AX
	MOVQ AX, 24(SP)
	MOVQ DX, 32(SP)
	// lift, rstep: p = 256·dx
	MOVQ R12, AX
	SHLQ $8, AX
	FLOORDIV(56(SP))
	MOVQ AX, 40(SP)
	MOVQ DX, 48(SP)
	// xFrom, fya
	MOVQ R11, 104(SP)
	MOVQ R9, 112(SP)
	TESTQ CX, CX
	JEQ start
	LEAQ -1(CX), AX
	SHLQ $8, AX
	ADDQ R15, AX
	IMULQ R12, AX
	FLOORDIV(56(SP))
	ADDQ R11, AX
	MOVQ AX, 104(SP)
	MOVQ $256, AX
	SUBQ 64(SP), AX
	MOVQ AX, 112(SP)

start:
	// Columns xlo..xhi widened to the edge's (R11 = x1, 80(SP) = x2).
	MOVQ R11, AX
	SARQ $8, AX
	MOVQ 80(SP), CX
	SARQ $8, CX
	CMPQ AX, CX
	JLE 2(PC)
	XCHGQ AX, CX
	SUBQ 32(R8), AX
	SUBQ 32(R8), CX
	CMPQ AX, 96(R8)
	JGE 2(PC)
	MOVQ AX, 96(R8)
	CMPQ CX, 104(R8)
	JLE 2(PC)
	MOVQ CX, 104(R8)

	// The rows walked, relative to the window: i0 (the first) to
	// i0 + (jhi - j)·incr, both in [0, wrows); they widen rowMin..rowMax
	// (a row whose part is empty may be counted: the sweep finds no cell
	// there). R9 and R10 then follow the row's cells and bitmap words.
	MOVQ 96(SP), AX
	SUBQ 40(R8), AX // i0
	MOVQ 16(SP), CX
	SUBQ 0(SP), CX
	IMULQ 72(SP), CX
	ADDQ AX, CX // the last row
	CMPQ AX, 80(R8)
	JAE bad
	CMPQ CX, 80(R8)
	JAE bad
	MOVQ AX, DX
	CMPQ CX, DX
	JGE 2(PC)
	MOVQ CX, DX // min
	CMPQ DX, 64(R8)
	JGE 2(PC)
	MOVQ DX, 64(R8)
	MOVQ AX, DX
	CMPQ CX, DX
	JLE 2(PC)
	MOVQ CX, DX // max
	CMPQ DX, 72(R8)
	JLE 2(PC)
	MOVQ DX, 72(R8)
	MOVQ 16(R8), CX
	MOVQ AX, R9
	IMULQ CX, R9
	SHLQ $3, R9
	ADDQ 0(R8), R9 // the first row's cells
	IMULQ 72(SP), CX
	SHLQ $3, CX
	MOVQ CX, 144(SP) // from a row's cells to the next's
	MOVQ 24(R8), CX
	MOVQ AX, R10
	IMULQ CX, R10
	SHLQ $3, R10
	ADDQ 8(R8), R10 // its bitmap words
	IMULQ 72(SP), CX
	SHLQ $3, CX
	MOVQ CX, 152(SP)

loop:
	// This row's part ends at (xTo, fyb): the edge's end in its last row,
	// else the next boundary.
	MOVQ 24(SP), AX
	MOVQ 64(SP), CX
	MOVQ 0(SP), DX
	CMPQ DX, 8(SP)
	CMOVQEQ 80(SP), AX
	CMOVQEQ 88(SP), CX
	MOVQ AX, 120(SP)
	MOVQ CX, 128(SP)

	// hlineDense(row, xFrom, fya, xTo, fyb)
	MOVQ 112(SP), R13 // y1
	MOVQ 128(SP), R14 // y2
	CMPQ R13, R14
	JEQ next
	MOVQ 104(SP), R11
	MOVQ R11, BX
	ANDQ $255, BX // fx1
	SARQ $8, R11
	SUBQ 32(R8), R11 // ex1
	MOVQ 120(SP), R12
	MOVQ R12, DX
	ANDQ $255, DX // fx2
	SARQ $8, R12
	SUBQ 32(R8), R12 // ex2
	CMPQ R11, 16(R8)
	JAE bad
	CMPQ R12, 16(R8)
	JAE bad
	SETBIT(R11)
	CMPQ R11, R12
	JNE run
	// One cell.
	MOVQ R14, AX
	SUBQ R13, AX // delta
	ADDL AX, 0(R9)(R11*8)
	ADDQ BX, DX
	IMULQ AX, DX
	ADDL DX, 4(R9)(R11*8)
	JMP next

run:
	// A run of adjacent cells: R15 = |dx|, SI = ±1, BX = area factor of
	// the first cell, lastArea that of the last one.
	MOVQ 120(SP), R15
	SUBQ 104(SP), R15
	MOVQ R14, AX
	SUBQ R13, AX // y2 - y1
	TESTQ R15, R15
	JLT left
	MOVQ $1, SI
	MOVQ DX, 136(SP) // fx2
	MOVQ $256, CX
	SUBQ BX, CX
	IMULQ CX, AX // p = (256 - fx1)(y2 - y1)
	ADDQ $256, BX // fx1 + 256
	JMP divide

left:
	MOVQ $-1, SI
	NEGQ R15
	ADDQ $256, DX
	MOVQ DX, 136(SP) // fx2 + 256
	IMULQ BX, AX // p = fx1·(y2 - y1)

divide:
	CDQ
	IDIVL R15
	MOVLQSX AX, AX // delta
	MOVLQSX DX, DI // mod
	MOVQ DI, CX // mod < 0: delta--, mod += dx (without a branch)
	SARQ $63, CX
	ADDQ CX, AX
	ANDQ R15, CX
	ADDQ CX, DI
	ADDL AX, 0(R9)(R11*8)
	IMULQ AX, BX
	ADDL BX, 4(R9)(R11*8)
	MOVQ AX, BX // delta
	ADDQ BX, R13 // y1 += delta
	ADDQ SI, R11
	SETBIT(R11)
	CMPQ R11, R12
	JEQ last
	// lift, rem for the whole cells: p = 256·(y2 - y1 + delta)
	MOVQ R14, AX
	SUBQ R13, AX
	ADDQ BX, AX
	SHLQ $8, AX
	CDQ
	IDIVL R15
	MOVLQSX AX, BX // lift
	MOVLQSX DX, DX // rem
	MOVQ DX, CX // rem < 0: lift--, rem += dx (without a branch)
	SARQ $63, CX
	ADDQ CX, BX
	ANDQ R15, CX
	ADDQ CX, DX
	SUBQ R15, DI // mod -= dx

whole:
	// delta = lift, plus one (and mod -= dx) when mod + rem >= 0: without
	// a branch (the carry comes irregularly).
	ADDQ DX, DI
	MOVQ DI, CX
	SUBQ R15, CX
	MOVQ BX, AX
	TESTQ DI, DI
	CMOVQGE CX, DI
	MOVL $0, CX
	SETGE CL
	ADDQ CX, AX
	ADDL AX, 0(R9)(R11*8)
	MOVQ AX, CX
	SHLQ $8, CX
	ADDL CX, 4(R9)(R11*8)
	ADDQ AX, R13
	ADDQ SI, R11
	SETBIT(R11)
	CMPQ R11, R12
	JNE whole

last:
	MOVQ R14, AX
	SUBQ R13, AX // delta
	ADDL AX, 0(R9)(R12*8)
	MOVQ 136(SP), CX
	IMULQ AX, CX
	ADDL CX, 4(R9)(R12*8)

next:
	// On to the next row (after the edge's last row, j = n = jhi, the
	// values are not used).
	MOVQ 0(SP), AX
	MOVQ 120(SP), CX
	MOVQ CX, 104(SP) // xFrom = xTo
	MOVQ $256, CX
	SUBQ 64(SP), CX
	MOVQ CX, 112(SP) // fya = 256 - first
	ADDQ 144(SP), R9
	ADDQ 152(SP), R10 // the next row
	MOVQ 24(SP), CX
	ADDQ 40(SP), CX // xb += lift
	MOVQ 32(SP), DX
	ADDQ 48(SP), DX // rem += rstep
	MOVQ DX, R11
	SUBQ 56(SP), R11
	CMPQ DX, 56(SP) // rem >= ady: rem -= ady, xb++ (without a branch)
	CMOVQGE R11, DX
	MOVL $0, R11
	SETGE R11B
	ADDQ R11, CX
	MOVQ CX, 24(SP)
	MOVQ DX, 32(SP)
	INCQ AX
	MOVQ AX, 0(SP)
	CMPQ AX, 16(SP)
	JLE loop

ret:
	RET

bad:
	MOVB $1, 88(R8)
	RET
