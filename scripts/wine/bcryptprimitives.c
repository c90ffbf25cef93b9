/*
 * A stand-in for Windows' bcryptprimitives.dll, for running the Windows build
 * under Wine 8 (Debian 12), which lacks it. Go's runtime (1.22 and newer) takes
 * its random numbers from ProcessPrng in that DLL, present on every Windows 10
 * and 11; Wine 8 has RtlGenRandom (advapi32's SystemFunction036), which gives
 * the same: cryptographically random bytes. It is installed into the Wine
 * prefix used by `make dist`'s check only; it is never shipped.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
	while (size > 0) {
		ULONG n = size > 0x7fffffff ? 0x7fffffff : (ULONG)size;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		size -= n;
	}
	return TRUE;
}
