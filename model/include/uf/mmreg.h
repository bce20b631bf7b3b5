/*
 * uf/mmreg.h - the wave formats of Windows multimedia (mmreg.h):
 * WAVEFORMATEX, WAVEFORMATEXTENSIBLE, the format tags and the speaker
 * positions of a channel mask.
 *
 * Audio drivers describe the streams they accept with these, inside the
 * kernel-streaming data formats of uf/ksmedia.h. They are byte-packed, as
 * mmreg.h packs everything it declares: WAVEFORMATEX is 18 bytes,
 * WAVEFORMATEXTENSIBLE 40, and either may start at any address. The
 * values are the real ones. The model reads none of it.
 */
#ifndef UNLOADFUZZ_UF_MMREG_H
#define UNLOADFUZZ_UF_MMREG_H

#include "uf/base.h"

/* What drivers test to see that mmreg.h came first. */
#ifndef _INC_MMREG
#define _INC_MMREG
#endif

/* ---- format tags (WAVEFORMATEX.wFormatTag) ---- */
#define WAVE_FORMAT_UNKNOWN    0x0000
#define WAVE_FORMAT_PCM        0x0001
#define WAVE_FORMAT_ADPCM      0x0002
#define WAVE_FORMAT_IEEE_FLOAT 0x0003
#define WAVE_FORMAT_ALAW       0x0006
#define WAVE_FORMAT_MULAW      0x0007
/* The format is WAVEFORMATEXTENSIBLE; its SubFormat names it. */
#define WAVE_FORMAT_EXTENSIBLE 0xFFFE

#pragma pack(push, 1)

#ifndef _WAVEFORMATEX_
#define _WAVEFORMATEX_
/* A wave format: cbSize bytes of format-specific data follow it. */
typedef struct tWAVEFORMATEX {
    WORD wFormatTag;        /* WAVE_FORMAT_* */
    WORD nChannels;
    DWORD nSamplesPerSec;
    DWORD nAvgBytesPerSec;
    WORD nBlockAlign;       /* bytes of one frame, every channel */
    WORD wBitsPerSample;
    WORD cbSize;            /* bytes after this structure */
} WAVEFORMATEX, *PWAVEFORMATEX, *NPWAVEFORMATEX, *LPWAVEFORMATEX;
typedef const WAVEFORMATEX *PCWAVEFORMATEX, *LPCWAVEFORMATEX;
#endif

#ifndef _WAVEFORMATEXTENSIBLE_
#define _WAVEFORMATEXTENSIBLE_
/* WAVE_FORMAT_EXTENSIBLE: Format.cbSize is 22, the size of what follows
 * Format here. */
typedef struct {
    WAVEFORMATEX Format;
    union {
        WORD wValidBitsPerSample;   /* of wBitsPerSample, the bits that carry sound */
        WORD wSamplesPerBlock;      /* when wBitsPerSample is 0 */
        WORD wReserved;
    } Samples;
    DWORD dwChannelMask;            /* SPEAKER_*: which channels, in order */
    GUID SubFormat;                 /* KSDATAFORMAT_SUBTYPE_* */
} WAVEFORMATEXTENSIBLE, *PWAVEFORMATEXTENSIBLE;
#endif

#pragma pack(pop)

/* ---- speaker positions (WAVEFORMATEXTENSIBLE.dwChannelMask) ---- */
#ifndef _SPEAKER_POSITIONS_
#define _SPEAKER_POSITIONS_
#define SPEAKER_FRONT_LEFT            0x1
#define SPEAKER_FRONT_RIGHT           0x2
#define SPEAKER_FRONT_CENTER          0x4
#define SPEAKER_LOW_FREQUENCY         0x8
#define SPEAKER_BACK_LEFT             0x10
#define SPEAKER_BACK_RIGHT            0x20
#define SPEAKER_FRONT_LEFT_OF_CENTER  0x40
#define SPEAKER_FRONT_RIGHT_OF_CENTER 0x80
#define SPEAKER_BACK_CENTER           0x100
#define SPEAKER_SIDE_LEFT             0x200
#define SPEAKER_SIDE_RIGHT            0x400
#define SPEAKER_TOP_CENTER            0x800
#define SPEAKER_TOP_FRONT_LEFT        0x1000
#define SPEAKER_TOP_FRONT_CENTER      0x2000
#define SPEAKER_TOP_FRONT_RIGHT       0x4000
#define SPEAKER_TOP_BACK_LEFT         0x8000
#define SPEAKER_TOP_BACK_CENTER       0x10000
#define SPEAKER_TOP_BACK_RIGHT        0x20000
#define SPEAKER_RESERVED              0x7FFC0000
#define SPEAKER_ALL                   0x80000000
#endif

#endif /* UNLOADFUZZ_UF_MMREG_H */
