//go:build !purego

#include "textflag.h"

// func blendFlatSSE2(pix []byte, base int, opaque []opaquePx, pairs, single []blendPx)
//
// opaquePx is {off, w uint32} (8 bytes); blendPx is {inv [8]uint16, src
// [8]uint16, off uint32, _ uint32} (40 bytes). Each channel of a translucent
// pixel becomes src + round(d·inv/255), rounded as div255:
// t = d·inv + 128; (t + t>>8) >> 8 (no 16-bit lane overflows: d·inv <= 65025).
TEXT ·blendFlatSSE2(SB), NOSPLIT, $0-104
	MOVQ pix_base+0(FP), DI
	ADDQ base+24(FP), DI

	// Opaque pixels: stored as they are.
	MOVQ opaque_base+32(FP), SI
	MOVQ opaque_len+40(FP), CX
	TESTQ CX, CX
	JEQ pairs

oloop:
	MOVL 0(SI), AX
	MOVL 4(SI), BX
	MOVL BX, (DI)(AX*1)
	ADDQ $8, SI
	DECQ CX
	JNE oloop

pairs:
	PXOR X0, X0
	MOVQ $0x0080008000800080, AX
	MOVQ AX, X6
	PUNPCKLQDQ X6, X6
	MOVQ $0x00ff00ff00ff00ff, AX
	MOVQ AX, X7
	PUNPCKLQDQ X7, X7
	MOVQ pairs_base+56(FP), SI
	MOVQ pairs_len+64(FP), CX
	TESTQ CX, CX
	JEQ singles

ploop:
	MOVL 32(SI), AX
	MOVQ (DI)(AX*1), X1
	PUNPCKLBW X0, X1
	MOVOU 0(SI), X2
	PMULLW X2, X1
	PADDW X6, X1
	MOVO X1, X3
	PSRLW $8, X3
	PADDW X3, X1
	PSRLW $8, X1
	MOVOU 16(SI), X2
	PADDW X2, X1
	PAND X7, X1
	PACKUSWB X1, X1
	MOVQ X1, (DI)(AX*1)
	ADDQ $40, SI
	DECQ CX
	JNE ploop

singles:
	MOVQ single_base+80(FP), SI
	MOVQ single_len+88(FP), CX
	TESTQ CX, CX
	JEQ done

sloop:
	MOVL 32(SI), AX
	MOVL (DI)(AX*1), X1
	PUNPCKLBW X0, X1
	MOVOU 0(SI), X2
	PMULLW X2, X1
	PADDW X6, X1
	MOVO X1, X3
	PSRLW $8, X3
	PADDW X3, X1
	PSRLW $8, X1
	MOVOU 16(SI), X2
	PADDW X2, X1
	PAND X7, X1
	PACKUSWB X1, X1
	MOVL X1, (DI)(AX*1)
	ADDQ $40, SI
	DECQ CX
	JNE sloop

done:
	RET

// func blitRowSSE2(dst, src []byte)
//
// BlitRow four pixels at a time (len(src) a multiple of 16, len(dst) >=
// len(src)): blocks of four transparent source pixels are skipped, blocks of
// four opaque ones copied; otherwise each channel becomes
// s + round(d·(255−sa)/255) as in blendFlatSSE2, a pixel of alpha 0 leaving
// its destination as it is.
TEXT ·blitRowSSE2(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), CX
	SHRQ $4, CX
	JEQ bdone
	PXOR X0, X0
	MOVQ $0x0080008000800080, AX
	MOVQ AX, X6
	PUNPCKLQDQ X6, X6
	MOVQ $0x00ff00ff00ff00ff, AX
	MOVQ AX, X7
	PUNPCKLQDQ X7, X7
	MOVQ $0xff000000ff000000, AX
	MOVQ AX, X8
	PUNPCKLQDQ X8, X8

bloop:
	MOVOU (SI), X1
	MOVO X1, X2
	PAND X8, X2
	MOVO X2, X3
	PCMPEQB X0, X3
	PMOVMSKB X3, AX
	CMPL AX, $0xffff
	JEQ bnext
	MOVO X2, X3
	PCMPEQB X8, X3
	PMOVMSKB X3, AX
	CMPL AX, $0xffff
	JEQ bcopy

	// Clear the colour of pixels of alpha 0 (they must not paint).
	MOVO X2, X3
	PCMPEQL X0, X3
	PANDN X1, X3
	MOVO X3, X1

	MOVOU (DI), X4
	// Low two pixels.
	MOVO X1, X2
	PUNPCKLBW X0, X2
	MOVO X4, X3
	PUNPCKLBW X0, X3
	PSHUFLW $0xff, X2, X5
	PSHUFHW $0xff, X5, X5
	PXOR X7, X5
	PMULLW X5, X3
	PADDW X6, X3
	MOVO X3, X5
	PSRLW $8, X5
	PADDW X5, X3
	PSRLW $8, X3
	PADDW X2, X3
	PAND X7, X3
	// High two pixels.
	MOVO X1, X2
	PUNPCKHBW X0, X2
	PUNPCKHBW X0, X4
	PSHUFLW $0xff, X2, X5
	PSHUFHW $0xff, X5, X5
	PXOR X7, X5
	PMULLW X5, X4
	PADDW X6, X4
	MOVO X4, X5
	PSRLW $8, X5
	PADDW X5, X4
	PSRLW $8, X4
	PADDW X2, X4
	PAND X7, X4
	PACKUSWB X4, X3
	MOVOU X3, (DI)
	JMP bnext

bcopy:
	MOVOU X1, (DI)

bnext:
	ADDQ $16, SI
	ADDQ $16, DI
	DECQ CX
	JNE bloop

bdone:
	RET
