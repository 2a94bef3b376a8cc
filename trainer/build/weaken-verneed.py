#!/usr/bin/env python3
"""weaken-verneed.py FILE VERSION... : set VER_FLG_WEAK on the named version needs of an ELF64
little-endian shared object, in place (ml-stack.md §1.2).

Only the 2-byte vna_flags field of matching Elf64_Vernaux entries changes: no size change, no hash
change, and running it twice is harmless. Exits 1 when no entry matched, so a TorchSharp upgrade that
drops the need shows up in the build instead of passing silently.
"""
import struct
import sys

SHT_GNU_VERNEED = 0x6FFFFFFE   # .gnu.version_r
VER_FLG_WEAK = 0x2


def weaken(elf: bytearray, wanted: set) -> int:
    if elf[:4] != b'\x7fELF' or elf[4] != 2 or elf[5] != 1:
        raise ValueError('not an ELF64 little-endian file')
    shoff, = struct.unpack_from('<Q', elf, 0x28)             # e_shoff
    shentsize, shnum = struct.unpack_from('<HH', elf, 0x3A)  # e_shentsize, e_shnum
    # Elf64_Shdr: name, type, flags, addr, offset, size, link, info, addralign, entsize
    shdrs = [struct.unpack_from('<IIQQQQIIQQ', elf, shoff + i * shentsize) for i in range(shnum)]
    hits = 0
    for _, sh_type, _, _, sh_offset, _, sh_link, sh_info, _, _ in shdrs:
        if sh_type != SHT_GNU_VERNEED:
            continue
        strtab = shdrs[sh_link][4]                           # .dynstr file offset
        vn = sh_offset
        for _ in range(sh_info):                             # sh_info = number of Elf64_Verneed
            _, vn_cnt, _, vn_aux, vn_next = struct.unpack_from('<HHIII', elf, vn)
            vna = vn + vn_aux
            for _ in range(vn_cnt):                          # Elf64_Vernaux: hash, flags, other, name, next
                _, vna_flags, _, vna_name, vna_next = struct.unpack_from('<IHHII', elf, vna)
                start = strtab + vna_name
                name = elf[start:elf.index(0, start)].decode('ascii')
                if name in wanted:
                    struct.pack_into('<H', elf, vna + 4, vna_flags | VER_FLG_WEAK)
                    hits += 1
                vna += vna_next
            vn += vn_next
    return hits


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    path, wanted = sys.argv[1], set(sys.argv[2:])
    with open(path, 'r+b') as f:
        elf = bytearray(f.read())
        try:
            hits = weaken(elf, wanted)
        except (ValueError, struct.error) as e:
            print(f'{path}: {e}', file=sys.stderr)
            return 1
        f.seek(0)
        f.write(elf)
    if hits == 0:
        print(f'{path}: no version need named {", ".join(sorted(wanted))}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
