// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sizes, alignments and member offsets of C types per the System V x86-64 ABI, as GCC lays them out.
 *
 * <p>Covers padding, nested and anonymous aggregates, arrays (flexible ones count zero), bit-fields
 * (a field never straddles a unit of its declared type; unnamed ones do not raise the alignment; a
 * zero-width one aligns the next field), {@code __attribute__((packed))}, {@code aligned(n)},
 * {@code _Alignas} and {@code #pragma pack(n)}. The tests compare every number with what gcc prints.
 */
public final class CLayout {

    /** Finds the definitions behind struct, union and enum tags. */
    public interface TagResolver {
        /**
         * Returns the struct or union with that tag.
         *
         * @param tag the tag
         * @return the declaration (opaque when only forward-declared), or empty
         */
        Optional<CStruct> struct(String tag);

        /**
         * Returns the enum with that tag.
         *
         * @param tag the tag
         * @return the enum, or empty
         */
        Optional<CEnum> enumeration(String tag);
    }

    /**
     * The layout of one struct or union.
     *
     * @param struct    the declaration
     * @param size      {@code sizeof}, in bytes
     * @param alignment {@code _Alignof}, in bytes
     * @param members   one entry per declared member, in order (anonymous members included, named {@code ""})
     */
    public record StructLayout(CStruct struct, long size, long alignment, List<MemberLayout> members) {

        /** Validates and copies the components. */
        public StructLayout {
            Objects.requireNonNull(struct, "struct");
            members = List.copyOf(members);
        }

        /**
         * Returns the offset of a member as {@code offsetof} sees it, looking into anonymous struct and
         * union members.
         *
         * @param name the member name
         * @return the member with its offset from the start of this struct, or empty
         */
        public Optional<MemberLayout> member(String name) {
            for (MemberLayout m : members) {
                if (m.name().equals(name)) {
                    return Optional.of(m);
                }
                if (m.name().isEmpty() && m.nested() != null) {
                    Optional<MemberLayout> inner = m.nested().member(name);
                    if (inner.isPresent()) {
                        MemberLayout i = inner.get();
                        return Optional.of(new MemberLayout(i.name(), i.type(), m.offset() + i.offset(),
                                m.offset() * 8 + i.bitOffset(), i.bitWidth(), i.size(), i.nested()));
                    }
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Where one member lies.
     *
     * @param name      the member name ({@code ""} for anonymous members and unnamed bit-fields)
     * @param type      its type
     * @param offset    byte offset of the member (of the byte holding its first bit, for bit-fields)
     * @param bitOffset bit offset from the start of the struct
     * @param bitWidth  the bit-field width, or -1 for ordinary members
     * @param size      the member's size in bytes (0 for bit-fields and flexible arrays)
     * @param nested    the layout of a struct or union member, or null
     */
    public record MemberLayout(String name, CType type, long offset, long bitOffset, int bitWidth, long size,
                               StructLayout nested) {
    }

    private final TagResolver tags;
    private final Map<String, StructLayout> cache = new HashMap<>();

    /**
     * @param tags where struct, union and enum definitions are found, usually a {@link CTranslationUnit}
     */
    public CLayout(TagResolver tags) {
        this.tags = Objects.requireNonNull(tags, "tags");
    }

    /**
     * Returns {@code sizeof(type)}.
     *
     * @param type a complete object type
     * @return the size in bytes
     * @throws IllegalArgumentException for void, functions and incomplete structs, naming the type
     */
    public long sizeOf(CType type) {
        return switch (type) {
            case CType.Int i -> i.kind().size();
            case CType.Floating f -> f.kind().size();
            case CType.Complex c -> 2L * c.kind().size();
            case CType.Pointer p -> 8;
            case CType.Array a -> a.length().orElse(0) * sizeOf(a.element());
            case CType.Qualified q -> sizeOf(q.type());
            case CType.TypedefRef t -> sizeOf(t.target());
            case CType.VaList v -> 24;
            case CType.Tagged t when t.kind() == CType.TagKind.ENUM -> enumKind(t).size();
            case CType.Tagged t -> of(struct(t)).size();
            case CType.Void v -> throw new IllegalArgumentException("void has no size");
            case CType.Function f -> throw new IllegalArgumentException("a function type has no size: "
                    + f.spelling());
            case CType.Unsupported u -> throw new IllegalArgumentException("the size of " + u.description()
                    + " is unknown");
        };
    }

    /**
     * Returns {@code _Alignof(type)}.
     *
     * @param type a complete object type
     * @return the alignment in bytes
     * @throws IllegalArgumentException for void, functions and incomplete structs, naming the type
     */
    public long alignmentOf(CType type) {
        return switch (type) {
            case CType.Int i -> i.kind().size();
            case CType.Floating f -> f.kind().alignment();
            case CType.Complex c -> c.kind().alignment();
            case CType.Pointer p -> 8;
            case CType.Array a -> alignmentOf(a.element());
            case CType.Qualified q -> alignmentOf(q.type());
            case CType.TypedefRef t -> Math.max(alignmentOf(t.target()), t.alignment());
            case CType.VaList v -> 8;
            case CType.Tagged t when t.kind() == CType.TagKind.ENUM -> enumKind(t).size();
            case CType.Tagged t -> of(struct(t)).alignment();
            default -> {
                sizeOf(type);
                throw new IllegalArgumentException("no alignment for " + type.spelling());
            }
        };
    }

    /**
     * Lays out a struct or union.
     *
     * @param struct a complete struct or union
     * @return its size, alignment and member offsets
     * @throws IllegalArgumentException when it (or a member) is only forward-declared
     */
    public StructLayout of(CStruct struct) {
        Objects.requireNonNull(struct, "struct");
        StructLayout cached = cache.get(struct.name());
        if (cached != null && cached.struct() == struct) {
            return cached;
        }
        if (!struct.complete()) {
            throw new IllegalArgumentException((struct.isUnion() ? "union " : "struct ") + struct.name()
                    + " is incomplete (only forward-declared at " + struct.position() + "); its layout is unknown: "
                    + "bind it as an opaque pointer");
        }
        StructLayout layout = struct.isUnion() ? union(struct) : record(struct);
        cache.put(struct.name(), layout);
        return layout;
    }

    private StructLayout record(CStruct s) {
        List<MemberLayout> out = new ArrayList<>();
        long bit = 0;
        long align = 1;
        for (CStruct.Member m : s.members()) {
            boolean packed = s.packed() || m.packed();
            if (m.bitWidth().isPresent()) {
                int width = m.bitWidth().getAsInt();
                long unitBits = sizeOf(m.type()) * 8;
                long typeAlign = capped(alignmentOf(m.type()), s);
                if (width == 0) {
                    bit = alignUp(bit, typeAlign * 8);
                } else if (!packed && s.maxFieldAlignment() == 0
                        && bit / unitBits != (bit + width - 1) / unitBits) {
                    // gcc keeps a bit-field within one unit of its type, except under #pragma pack, where it packs them.
                    bit = alignUp(bit, typeAlign * 8);
                }
                if (!m.name().isEmpty() && !packed) {
                    align = Math.max(align, typeAlign);
                }
                align = Math.max(align, m.alignment());
                out.add(new MemberLayout(m.name(), m.type(), bit / 8, bit, width, 0, null));
                bit += width;
                continue;
            }
            long a = packed ? 1 : capped(alignmentOf(m.type()), s);
            a = Math.max(a, m.alignment());
            long offset = alignUp(alignUp(bit, 8) / 8, a);
            long size = sizeOf(m.type());
            out.add(new MemberLayout(m.name(), m.type(), offset, offset * 8, -1, size, nested(m.type())));
            bit = (offset + size) * 8;
            align = Math.max(align, a);
        }
        align = Math.max(align, s.alignment());
        return new StructLayout(s, alignUp(alignUp(bit, 8) / 8, align), align, out);
    }

    private StructLayout union(CStruct s) {
        List<MemberLayout> out = new ArrayList<>();
        long size = 0;
        long align = 1;
        for (CStruct.Member m : s.members()) {
            boolean packed = s.packed() || m.packed();
            long a = packed ? 1 : capped(alignmentOf(m.type()), s);
            if (m.bitWidth().isPresent()) {
                int width = m.bitWidth().getAsInt();
                size = Math.max(size, (width + 7) / 8);
                if (!m.name().isEmpty()) {
                    align = Math.max(align, a);
                }
                out.add(new MemberLayout(m.name(), m.type(), 0, 0, width, 0, null));
                continue;
            }
            long msize = sizeOf(m.type());
            size = Math.max(size, msize);
            align = Math.max(align, Math.max(a, m.alignment()));
            out.add(new MemberLayout(m.name(), m.type(), 0, 0, -1, msize, nested(m.type())));
        }
        align = Math.max(align, s.alignment());
        return new StructLayout(s, alignUp(size, align), align, out);
    }

    private StructLayout nested(CType type) {
        CType c = type.canonical();
        return c instanceof CType.Tagged t && t.kind() != CType.TagKind.ENUM ? of(struct(t)) : null;
    }

    /** {@code #pragma pack(n)} caps every member's alignment at n. */
    private static long capped(long alignment, CStruct s) {
        return s.maxFieldAlignment() > 0 ? Math.min(alignment, s.maxFieldAlignment()) : alignment;
    }

    private CStruct struct(CType.Tagged t) {
        return tags.struct(t.tag()).orElseThrow(() -> new IllegalArgumentException(
                t.spelling() + " is not declared; its layout is unknown"));
    }

    private CType.IntKind enumKind(CType.Tagged t) {
        return tags.enumeration(t.tag()).map(CEnum::underlyingKind).orElse(CType.IntKind.UNSIGNED_INT);
    }

    private static long alignUp(long value, long alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
