//go:build !purego

#include "textflag.h"

// Blending of a thin pen's coverage (thin.go, flush), four pixels per step.
//
// The table holds, for each coverage a, the source scaled by a in four
// 16-bit lanes in byte order (R, G, B, A) at sv[a], and 255 minus its alpha
// in all four lanes at inv[a] (2048 bytes further), then steps (at 4096). Each channel d of a
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
// passed over (a block of 16 with any coverage is blended whole: its steps
// are not tested one by one). The caller checks that cov holds len(xmin) rows of w bytes,
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
	CMPQ 4096(R8), $0
	JNE blockt

block:
	MOVOU (SI), X1
	PCMPEQB X0, X1
	PMOVMSKB X1, R9
	XORL $0xffff, R9
	JEQ bnext
	// Four steps without a test each: a step's pixels without coverage
	// are written back as they were. Testing each step's four bytes cost
	// more on the routes (their rows of more than 8 pixels hold a few
	// runs of coverage, in places a branch predicts badly) than the steps
	// it saves on the rings (a block at each end of a row).
	QUAD(0, 0)
	QUAD(4, 16)
	QUAD(8, 32)
	QUAD(12, 48)
	MOVOU X0, (SI)

bnext:
	ADDQ $16, SI
	ADDQ $64, DI
	DECQ CX
	JNE block
	JMP quads

	// A ring's rows (tab.steps 1): two runs of coverage far apart, a
	// block at each end holding a step or two with coverage; only those
	// steps are blended.
blockt:
	MOVOU (SI), X1
	PCMPEQB X0, X1
	PMOVMSKB X1, R9
	XORL $0xffff, R9
	JEQ btnext
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

btnext:
	ADDQ $16, SI
	ADDQ $64, DI
	DECQ CX
	JNE blockt

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

// PIX0 and PIX(sh) look up the coverage of the pixel at distance X1 (in
// table steps) from the centre line, tab[int(|X1| + 0.5) & 127] (R11: the
// table; X13: the sign mask, X14: 0.5), and put it in byte sh/8 of BX (PIX0:
// byte 0, the other bytes cleared); X1 then steps by kx (X12). DX and X2 are
// clobbered.
#define PIX0 \
	MOVAPD X1, X2; \
	ANDPD X13, X2; \
	ADDSD X14, X2; \
	CVTTSD2SQ X2, DX; \
	ANDL $127, DX; \
	MOVBQZX (R11)(DX*1), BX; \
	ADDSD X12, X1

#define PIX(sh) \
	MOVAPD X1, X2; \
	ANDPD X13, X2; \
	ADDSD X14, X2; \
	CVTTSD2SQ X2, DX; \
	ANDL $127, DX; \
	MOVBQZX (R11)(DX*1), DX; \
	SHLQ $sh, DX; \
	ORQ DX, BX; \
	ADDSD X12, X1

// stripMask holds, for n = 0 to 4, ones in the n low bytes.
DATA stripMask<>+0(SB)/4, $0
DATA stripMask<>+4(SB)/4, $0xff
DATA stripMask<>+8(SB)/4, $0xffff
DATA stripMask<>+12(SB)/4, $0xffffff
DATA stripMask<>+16(SB)/4, $0xffffffff
GLOBL stripMask<>(SB), RODATA|NOPTR, $20

// func stripRowsSSE2(j *stripJob)
//
// strip's walk (thin.go) over rows j.y0…j.y1, with the same arithmetic in
// the same order (no fused multiply-add, as Go compiles it on amd64): per
// row y, lo = sLo + y·qs, hi = sHi + y·qs, raised to tLo + y·qt and lowered
// to tHi + y·qt (t > lo, t < hi), then clamped to xlo…xhi; NaN bounds skip
// the row as the Go comparisons do. x0 = ceil(lo), x1 = floor(hi) by
// truncation and a correction (exact: both lie in the clip when lo <= hi);
// the distance sk = (k0 + y·ky) + x0·kx, stepped by kx, indexes the table
// with int(|sk| + 0.5) & 127, and each pixel keeps the larger coverage. A
// row written to has its dirty columns widened, or is added to j.rows when
// clean. The caller checks that every row and column lies in the buffer.
//
// The rows go in blocks of up to 32, in two passes: the first finds each
// row's first column, pixel count and first distance, two rows at a time
// in the two lanes of packed doubles and without a branch (MAXPD and MINPD
// are the Go comparisons exactly: MAXPD X2, X4 is X4 = X4 > X2 ? X4 : X2
// in each lane, NaN and signed zeros included; a row with !(lo <= hi) gets
// no pixels), and keeps them on the stack; the second walks their pixels.
// Each row's long chain of dependent float operations is then off the
// pixel walk's path, and the rows of a block overlap.
//
// stripJob field offsets: sLo 0, sHi 8, tLo 16, tHi 24, qs 32, qt 40,
// xlo 48, xhi 56, k0 64, ky 72, kx 80, y0 88, y1 96, cov 104, w 112, mx 120,
// my 128, tab 136, xmin 144, xmax 152, rows 160, nrows 168.
//
// Stack: the block's x0 (int32) at 0(SP), n = x1-x0+1 (int32, 0 for a row
// without pixels) at 128(SP) and sk at 256(SP), 32 rows each; tLo, tHi,
// xlo, xhi, ky, k0 and 2 twice each (both lanes) at 512(SP)…623(SP); the
// block's first row at 624(SP), its row count at 632(SP), the walk's last
// row at 640(SP), the next block's first row at 648(SP) (R9 holds the mask
// table in the second pass).
TEXT ·stripRowsSSE2(SB), $656-8
	MOVQ j+0(FP), R8
	MOVSD 0(R8), X8
	UNPCKLPD X8, X8
	MOVSD 8(R8), X9
	UNPCKLPD X9, X9
	MOVSD 32(R8), X10
	UNPCKLPD X10, X10
	MOVSD 40(R8), X11
	UNPCKLPD X11, X11
	MOVSD 80(R8), X12
	UNPCKLPD X12, X12
	MOVQ $0x7fffffffffffffff, AX
	MOVQ AX, X13
	UNPCKLPD X13, X13
	MOVQ $0x3fe0000000000000, AX
	MOVQ AX, X14
	UNPCKLPD X14, X14
	MOVSD 16(R8), X0
	UNPCKLPD X0, X0
	MOVUPD X0, 512(SP)
	MOVSD 24(R8), X0
	UNPCKLPD X0, X0
	MOVUPD X0, 528(SP)
	MOVSD 48(R8), X0
	UNPCKLPD X0, X0
	MOVUPD X0, 544(SP)
	MOVSD 56(R8), X0
	UNPCKLPD X0, X0
	MOVUPD X0, 560(SP)
	MOVSD 72(R8), X0
	UNPCKLPD X0, X0
	MOVUPD X0, 576(SP)
	MOVSD 64(R8), X0
	UNPCKLPD X0, X0
	MOVUPD X0, 592(SP)
	MOVQ $0x4000000000000000, AX
	MOVQ AX, X0
	UNPCKLPD X0, X0
	MOVUPD X0, 608(SP)
	MOVQ 136(R8), R11
	MOVQ 96(R8), AX
	MOVQ AX, 640(SP)
	MOVQ 88(R8), R9

sblock:
	CMPQ R9, 640(SP)
	JGT sdone
	MOVQ R9, 624(SP)
	// DX: the block's last row, min(R9+31, y1); 632(SP): its row count.
	LEAQ 31(R9), DX
	MOVQ 640(SP), AX
	CMPQ DX, AX
	CMOVQGT AX, DX
	MOVQ DX, AX
	SUBQ R9, AX
	INCQ AX
	MOVQ AX, 632(SP)
	XORL R10, R10
	// X0: rows R9 and R9+1.
	CVTSQ2SD R9, X0
	LEAQ 1(R9), AX
	CVTSQ2SD AX, X1
	UNPCKLPD X1, X0

	// Pass 1: rows R9 and R9+1 (the second may lie past the block's end:
	// computed, not walked), at index R10 of the stack's arrays.
sbound:
	MOVAPD X0, X1
	MULPD X10, X1
	MOVAPD X1, X2
	ADDPD X8, X2
	ADDPD X9, X1
	MOVAPD X0, X3
	MULPD X11, X3
	MOVUPD 512(SP), X4
	ADDPD X3, X4
	MAXPD X2, X4
	MOVUPD 528(SP), X2
	ADDPD X2, X3
	MINPD X1, X3
	MOVUPD 544(SP), X5
	MAXPD X4, X5
	MOVUPD 560(SP), X6
	MINPD X3, X6
	// x0 = ceil(lo) in X7: the truncation, +1 where it is below lo (the
	// lanes' all-ones masks moved to the low two dwords).
	CVTTPD2PL X5, X7
	CVTPL2PD X7, X4
	CMPPD X5, X4, $1
	PSHUFD $0x08, X4, X4
	PSUBL X4, X7
	// x1 = floor(hi) in X1: -1 where hi is below the truncation.
	CVTTPD2PL X6, X1
	CVTPL2PD X1, X4
	MOVAPD X6, X3
	CMPPD X4, X3, $1
	PSHUFD $0x08, X3, X3
	PADDL X3, X1
	// n = x1 - x0 + 1, or 0 unless lo <= hi.
	PSUBL X7, X1
	PCMPEQL X3, X3
	PSUBL X3, X1
	CMPPD X6, X5, $2
	PSHUFD $0x08, X5, X5
	PAND X5, X1
	// sk = (k0 + y·ky) + x0·kx.
	MOVUPD 576(SP), X2
	MULPD X0, X2
	MOVUPD 592(SP), X3
	ADDPD X3, X2
	CVTPL2PD X7, X4
	MULPD X12, X4
	ADDPD X4, X2
	MOVQ X7, 0(SP)(R10*4)
	MOVQ X1, 128(SP)(R10*4)
	MOVUPD X2, 256(SP)(R10*8)
	MOVUPD 608(SP), X3
	ADDPD X3, X0
	ADDQ $2, R10
	ADDQ $2, R9
	CMPQ R9, DX
	JLE sbound
	INCQ DX
	MOVQ DX, 648(SP)

	// Pass 2: the pixels of row index R10. DI: the relative row; R13:
	// cov + DI·w - mx.
	MOVQ 624(SP), DI
	SUBQ 128(R8), DI
	MOVQ DI, R13
	IMULQ 112(R8), R13
	SUBQ 120(R8), R13
	ADDQ 104(R8), R13
	XORL R10, R10
	LEAQ stripMask<>(SB), R9

spass:
	MOVLQSX 128(SP)(R10*4), CX
	TESTQ CX, CX
	JLE snext
	MOVLQSX 0(SP)(R10*4), AX
	MOVSD 256(SP)(R10*8), X1
	LEAQ (R13)(AX*1), SI
	XORL R12, R12

	// Four pixels per step, without a branch per pixel: their coverage
	// bytes gathered in BX, those past the row's end masked to zero, then
	// raised into the row with PMAXUB (a zero byte leaves the row's byte
	// as it is), four bytes stored whatever the row's length (the buffer
	// has covSlack bytes after its last row). R12 gathers the bytes raised.
	// (Rows have ~4 pixels; steps of 8 cost more.)
spix:
	PIX0
	PIX(8)
	PIX(16)
	PIX(24)
	// Keep the min(CX, 4) low bytes.
	MOVQ $4, DX
	CMPQ CX, DX
	CMOVQLT CX, DX
	MOVL (R9)(DX*4), AX
	ANDQ AX, BX
	MOVL BX, X3
	MOVL (SI), X4
	PMAXUB X4, X3
	PCMPEQB X3, X4
	PMOVMSKB X4, DX
	MOVL X3, (SI)
	NOTL DX
	ANDL $0x0f, DX
	ORL DX, R12
	ADDQ $4, SI
	SUBQ $4, CX
	JGT spix

	TESTL R12, R12
	JEQ snext
	MOVLQSX 0(SP)(R10*4), AX
	// Dirty columns x0-mx…x1-mx of row DI (AX, DX), without branches:
	// DI goes to j.rows[j.nrows] in any case, and j.nrows grows when the
	// row was clean (xmin MaxInt32; the caller leaves room for one row
	// more); a clean row's xmin MaxInt32 and xmax -1 give way to x0, x1.
	SUBQ 120(R8), AX
	MOVLQSX 128(SP)(R10*4), DX
	LEAQ -1(AX)(DX*1), DX
	MOVQ 160(R8), SI
	MOVQ 168(R8), CX
	MOVL DI, (SI)(CX*4)
	MOVQ 144(R8), SI
	MOVL (SI)(DI*4), BX
	XORL R12, R12
	CMPL BX, $0x7fffffff
	SETEQ R12
	ADDQ R12, CX
	MOVQ CX, 168(R8)
	CMPL AX, BX
	CMOVLLT AX, BX
	MOVL BX, (SI)(DI*4)
	MOVQ 152(R8), SI
	MOVL (SI)(DI*4), BX
	CMPL DX, BX
	CMOVLGT DX, BX
	MOVL BX, (SI)(DI*4)

snext:
	ADDQ 112(R8), R13
	INCQ DI
	INCQ R10
	CMPQ R10, 632(SP)
	JLT spass
	MOVQ 648(SP), R9
	JMP sblock

sdone:
	RET
