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

quad:
	CMPQ BX, $4
	JLT pair
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
	SUBQ $4, BX
	JMP quad

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
	CMPQ BX, $8
	JLT fill4
	MOVOU X8, (DI)(AX*1)
	MOVOU X8, 16(DI)(AX*1)
	ADDQ $32, AX
	SUBQ $8, BX
	JMP fill

fill4:
	CMPQ BX, $4
	JLT fill1
	MOVOU X8, (DI)(AX*1)
	ADDQ $16, AX
	SUBQ $4, BX

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
