/*
 * pshpack1.h - the face drivers include under Microsoft's name: from here
 * on, structures are byte-packed, until poppack.h restores the packing
 * pshpack1.h found. Like the real file it has no include guard: each
 * inclusion pushes once. Packing is the compiler's, so there is no base.
 */
#pragma pack(push, 1)
