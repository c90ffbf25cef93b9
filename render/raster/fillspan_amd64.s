//go:build !purego

#include "textflag.h"

// func paintSpansSSE2(pix []byte, spans []paintSpan, word uint32) (ok bool)
//
// paintSpan is {o int, n, a uint32} (16 bytes). For each run, the source
// scaled by its coverage a is s = round(word·a/255) per channel, in 16-bit
// lanes (R, G, B, A, R, G, B, A); each channel d of the run's pixels
// becomes s + round(d·(255−s.A)/255), as pixelAt and blendRun compute it.
// round(v/255) for v <= 65025 is ((v + 128)·257) >> 16 (PMULHUW), equal to
// div255's (t + t>>8) >> 8 for every such v (checked exhaustively). The
// sum never exceeds 255 (the source is premultiplied), so PACKUSWB packs it
// as the Go code does. A run of coverage 255 of an opaque colour is a
// copy of word, as fillWord writes it.
TEXT ·paintSpansSSE2(SB), NOSPLIT, $0-57
	MOVQ pix_base+0(FP), DI
	MOVQ pix_len+8(FP), R8
	MOVQ spans_base+24(FP), SI
	MOVQ spans_len+32(FP), CX
	MOVL word+48(FP), R9

	PXOR X7, X7
	MOVQ $0x0080008000800080, AX
	MOVQ AX, X5
	PUNPCKLQDQ X5, X5
	MOVQ $0x0101010101010101, AX
	MOVQ AX, X4
	PUNPCKLQDQ X4, X4
	MOVQ $0x00ff00ff00ff00ff, AX
	MOVQ AX, X3
	PUNPCKLQDQ X3, X3
	MOVQ R9, X6
	PUNPCKLBW X7, X6
	PUNPCKLQDQ X6, X6 // the source's channels, twice
	MOVQ R9, X8
	PSHUFD $0, X8, X8 // word, four times
	MOVL R9, R11
	SHRL $24, R11 // the source's alpha

	TESTQ CX, CX
	JEQ done

span:
	MOVQ 0(SI), AX // o
	MOVL 8(SI), BX // n
	MOVL 12(SI), DX // a
	TESTQ AX, AX
	JS bad
	LEAQ (AX)(BX*4), R10
	CMPQ R10, R8
	JHI bad
	CMPL DX, $255
	JNE blend
	CMPL R11, $255
	JEQ fill

blend:
	MOVQ DX, X0
	PSHUFLW $0, X0, X0
	PUNPCKLQDQ X0, X0
	PMULLW X6, X0
	PADDW X5, X0
	PMULHUW X4, X0 // s
	PSHUFLW $0xff, X0, X1
	PSHUFHW $0xff, X1, X1
	MOVO X3, X2
	PSUBW X1, X2 // 255 - s.A

	CMPQ BX, $4
	JLT pair
	// Four pixels or more: the last four are blended first (X10), then
	// the whole quads from the start, then the last four stored over
	// them (the same values where they overlap): no branch for the rest.
	LEAQ -16(AX)(BX*4), R12
	MOVOU (DI)(R12*1), X10
	MOVO X10, X11
	PUNPCKLBW X7, X10
	PUNPCKHBW X7, X11
	PMULLW X2, X10
	PMULLW X2, X11
	PADDW X5, X10
	PADDW X5, X11
	PMULHUW X4, X10
	PMULHUW X4, X11
	PADDW X0, X10
	PADDW X0, X11
	PACKUSWB X11, X10
	SHRQ $2, BX

quad:
	MOVOU (DI)(AX*1), X1
	MOVO X1, X9
	PUNPCKLBW X7, X1
	PUNPCKHBW X7, X9
	PMULLW X2, X1
	PMULLW X2, X9
	PADDW X5, X1
	PADDW X5, X9
	PMULHUW X4, X1
	PMULHUW X4, X9
	PADDW X0, X1
	PADDW X0, X9
	PACKUSWB X9, X1
	MOVOU X1, (DI)(AX*1)
	ADDQ $16, AX
	DECQ BX
	JNE quad
	MOVOU X10, (DI)(R12*1)
	JMP next

pair:
	CMPQ BX, $2
	JLT single
	MOVQ (DI)(AX*1), X1
	PUNPCKLBW X7, X1
	PMULLW X2, X1
	PADDW X5, X1
	PMULHUW X4, X1
	PADDW X0, X1
	PACKUSWB X1, X1
	MOVQ X1, (DI)(AX*1)
	ADDQ $8, AX
	SUBQ $2, BX

single:
	TESTQ BX, BX
	JEQ next
	MOVL (DI)(AX*1), X1
	PUNPCKLBW X7, X1
	PMULLW X2, X1
	PADDW X5, X1
	PMULHUW X4, X1
	PADDW X0, X1
	PACKUSWB X1, X1
	MOVL X1, (DI)(AX*1)
	JMP next

fill:
	// A copy: whole quads, then the last four pixels (overlapping).
	CMPQ BX, $4
	JLT fill1
	LEAQ -16(AX)(BX*4), R12
	SHRQ $2, BX

fill4:
	MOVOU X8, (DI)(AX*1)
	ADDQ $16, AX
	DECQ BX
	JNE fill4
	MOVOU X8, (DI)(R12*1)
	JMP next

fill1:
	TESTQ BX, BX
	JEQ next
	MOVL R9, (DI)(AX*1)
	ADDQ $4, AX
	DECQ BX
	JMP fill1

next:
	ADDQ $16, SI
	DECQ CX
	JNE span

done:
	MOVB $1, ok+56(FP)
	RET

bad:
	MOVB $0, ok+56(FP)
	RET

// COV turns an area sum r (cover·512 − area) into a coverage 0..255 as
// coverage does, t a scratch register, R8 the sweepJob (evenOdd at 88).
#define COV(r, t) \
	SARQ $9, r; \
	MOVQ r, t; \
	SARQ $63, t; \
	XORQ t, r; \
	SUBQ t, r; \
	MOVQ r, t; \
	ANDQ $511, t; \
	CMPQ t, $256; \
	JLE 3(PC); \
	NEGQ t; \
	ADDQ $512, t; \
	CMPB 88(R8), $0; \
	CMOVQNE t, r; \
	CMPQ r, $255; \
	MOVL $255, t; \
	CMOVQGT t, r

// func sweepRowsAsm(j *sweepJob)
//
// The dense sweep of rows j.row.. (sweepDenseBlend's cell loop): each row's
// touched cells in x order from its bitmap words (zeroed, as the cells
// are), the runs of constant coverage between them appended to j.spans and
// the edge pixels to j.singles (j.singles[j.ns]), as paintSpans. Each
// cell's run and pixel are written at the lists' ends and kept (the end
// moved on) by their condition, without a branch. It stops after the row
// that brings either list to 64 or more (the caller leaves room for
// 64 + gw + 1 in each: a row gives at most one run and one pixel a cell,
// one more run, and one written but not kept), or at j.rowEnd; j.row,
// j.po, j.n and j.ns then say where it stopped. Only words wlo..wend-1 of
// a row are read (the path's columns). A touched bit at or beyond gw stops
// it with j.bad set.
//
// Registers: R8 the job, DI the row's cells, SI its bitmap words, R9
// scratch (the first span at a row's end), R10 the next span, R11 the word
// index, R12 the word, R13 the start of the run after the last cell (xs),
// R14 the row's byte offset of column 0, R15 the cover; AX, BX (x), CX, DX
// scratch.
TEXT ·sweepRowsAsm(SB), NOSPLIT, $0-8
	MOVQ j+0(FP), R8
	MOVQ 0(R8), DI
	MOVQ 8(R8), SI
	MOVQ 16(R8), R9
	MOVQ R9, R10
	MOVQ 72(R8), R14

row:
	MOVQ 32(R8), AX
	CMPQ AX, 40(R8)
	JGE out
	XORQ R15, R15
	XORQ R13, R13
	MOVQ 104(R8), R11 // the path's first word

word:
	CMPQ R11, 112(R8)
	JGE tail
	MOVQ (SI)(R11*8), R12
	TESTQ R12, R12
	JNE bits
	INCQ R11
	JMP word

bits:
	MOVQ $0, (SI)(R11*8)

bit:
	TESTQ R12, R12
	JNE cell
	INCQ R11
	JMP word

cell:
	BSFQ R12, CX
	LEAQ -1(R12), AX
	ANDQ AX, R12
	MOVQ R11, BX
	SHLQ $6, BX
	ADDQ CX, BX // x
	CMPQ BX, 48(R8)
	JAE bad
	MOVQ (DI)(BX*8), AX // cover (low half), area (high half)
	MOVQ $0, (DI)(BX*8)
	TESTQ AX, AX
	JEQ bit
	CMPQ BX, 64(R8)
	JGE bit
	// The run of constant coverage since the last cell, {po + 4·xs,
	// x − xs, a}, written at the cursor and kept (the cursor moved on)
	// when x > xs and a > 0 (a is 0 when cover is): no branch, as which
	// cells start runs follows the picture. R9 is scratch here.
	MOVQ R15, CX
	SHLQ $9, CX
	COV(CX, DX)
	LEAQ (R14)(R13*4), DX
	MOVQ DX, 0(R10)
	MOVQ BX, DX
	SUBQ R13, DX
	MOVL DX, 8(R10)
	MOVL CX, 12(R10)
	XORL R9, R9
	TESTQ CX, CX
	SETNE R9B
	TESTQ DX, DX
	MOVL $0, DX
	SETGT DL
	ANDL DX, R9
	SHLQ $4, R9
	ADDQ R9, R10

	MOVLQSX AX, CX
	ADDQ CX, R15 // cover += c.cover
	SARQ $32, AX // c.area
	XORL DX, DX
	TESTQ AX, AX
	SETNE DL
	LEAQ (BX)(DX*1), R13 // xs = x, or x + 1 after an edge pixel
	// The edge pixel, {po + 4·x, 1, a}, written at j.singles[j.ns] and
	// kept when area != 0 and a > 0; prefetched (painted a few rows
	// later).
	MOVQ R15, CX
	SHLQ $9, CX
	SUBQ AX, CX
	COV(CX, R9)
	MOVQ 128(R8), AX
	SHLQ $4, AX
	ADDQ 120(R8), AX
	LEAQ (R14)(BX*4), R9
	MOVQ R9, 0(AX)
	MOVL $1, 8(AX)
	MOVL CX, 12(AX)
	ADDQ 96(R8), R9
	PREFETCHT0 (R9)
	TESTQ CX, CX
	MOVL $0, R9
	SETNE R9B
	ANDL R9, DX
	ADDQ DX, 128(R8)
	JMP bit

tail:
	// The run from the last cell to the clip's right side.
	MOVQ 64(R8), BX
	CMPQ BX, R13
	JLE nextrow
	TESTQ R15, R15
	JEQ nextrow
	MOVQ R15, CX
	SHLQ $9, CX
	COV(CX, DX)
	TESTQ CX, CX
	JEQ nextrow
	LEAQ (R14)(R13*4), DX
	MOVQ DX, 0(R10)
	MOVQ BX, DX
	SUBQ R13, DX
	MOVL DX, 8(R10)
	MOVL CX, 12(R10)
	ADDQ $16, R10

nextrow:
	INCQ 32(R8)
	MOVQ 48(R8), AX
	LEAQ (DI)(AX*8), DI
	MOVQ 56(R8), AX
	LEAQ (SI)(AX*8), SI
	ADDQ 80(R8), R14
	MOVQ 16(R8), R9
	MOVQ R10, AX
	SUBQ R9, AX
	CMPQ AX, $1024
	JGE out
	CMPQ 128(R8), $64
	JLT row

out:
	MOVQ R14, 72(R8)
	MOVQ 16(R8), R9
	SUBQ R9, R10
	SHRQ $4, R10
	MOVQ R10, 24(R8)
	RET

bad:
	MOVB $1, 89(R8)
	JMP out

// func paintSinglesSSE2(pix []byte, singles []paintSpan, word uint32) (ok bool)
//
// paintSpansSSE2 for runs of one pixel each (their n is not read): a loop
// without a branch per pixel. A coverage of 255 of an opaque colour gives
// s = word and 255 − s.A = 0, so the blend writes word, as the copy does.
TEXT ·paintSinglesSSE2(SB), NOSPLIT, $0-57
	MOVQ pix_base+0(FP), DI
	MOVQ pix_len+8(FP), R8
	MOVQ singles_base+24(FP), SI
	MOVQ singles_len+32(FP), CX
	MOVL word+48(FP), R9

	PXOR X7, X7
	MOVQ $0x0080008000800080, AX
	MOVQ AX, X5
	MOVQ $0x0101010101010101, AX
	MOVQ AX, X4
	MOVQ $0x00ff00ff00ff00ff, AX
	MOVQ AX, X3
	MOVQ R9, X6
	PUNPCKLBW X7, X6 // the source's channels

	TESTQ CX, CX
	JEQ sdone

sloop:
	MOVQ 0(SI), AX // o
	MOVL 12(SI), DX // a
	TESTQ AX, AX
	JS sbad
	LEAQ 4(AX), R10
	CMPQ R10, R8
	JHI sbad
	MOVQ DX, X0
	PSHUFLW $0, X0, X0
	PMULLW X6, X0
	PADDW X5, X0
	PMULHUW X4, X0 // s
	PSHUFLW $0xff, X0, X1
	MOVO X3, X2
	PSUBW X1, X2 // 255 - s.A
	MOVL (DI)(AX*1), X1
	PUNPCKLBW X7, X1
	PMULLW X2, X1
	PADDW X5, X1
	PMULHUW X4, X1
	PADDW X0, X1
	PACKUSWB X1, X1
	MOVL X1, (DI)(AX*1)
	ADDQ $16, SI
	DECQ CX
	JNE sloop

sdone:
	MOVB $1, ok+56(FP)
	RET

sbad:
	MOVB $0, ok+56(FP)
	RET
