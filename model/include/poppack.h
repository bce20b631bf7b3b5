/*
 * poppack.h - the face drivers include under Microsoft's name: restores
 * the structure packing the matching pshpack*.h saved. No include guard:
 * each inclusion pops once.
 */
#pragma pack(pop)
