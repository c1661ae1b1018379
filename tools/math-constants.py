#!/usr/bin/env python3
"""math-constants.py - every constant of libc/math/ that is not a short
fraction, computed from scratch with Python's exact integers, so that the
digits in the C files can be checked:

    tools/math-constants.py

pi comes from Machin's formula, pi = 16 atan(1/5) - 4 atan(1/239); the
logarithms from ln 2 = 2 atanh(1/3) and ln 10 = 3 ln 2 + 2 atanh(1/9);
each series is summed in fixed point with S fraction bits (far more than
needed). A constant wider than a long double (64 significant bits) is
printed as HI and LO, two long doubles whose exact sum is the value to
128 bits: HI is the value rounded to 64 bits, LO the rest. Also the table
two_over_pi of libc/math/rem_pio2.c: the first 1280 fraction bits of 2/pi."""

S = 1600  # fixed-point fraction bits of the computation
ONE = 1 << S
TABLE_BITS = 20 * 64


def atan_inv(n, alternating):
    """atan(1/n) (alternating) or atanh(1/n), times 2**S."""
    total, term, k, sign = 0, ONE // n, 1, 1
    while term:
        total += sign * (term // k)
        term //= n * n
        k += 2
        if alternating:
            sign = -sign
    return total


def rounded(v, bits):
    """v (times 2**S) rounded to a number of `bits` significant bits: (m, e), value m * 2**e."""
    shift = v.bit_length() - bits
    m = (v + (1 << (shift - 1))) >> shift
    return m, shift - S


def hexfloat(m, e):
    """m * 2**e as a C hexadecimal long double literal."""
    if m == 0:
        return "0.0L"
    sign = "-" if m < 0 else ""
    m = abs(m)
    b = m.bit_length()
    frac = m - (1 << (b - 1))
    digits = (b - 1 + 3) // 4
    frac <<= digits * 4 - (b - 1)
    return "%s0x1.%0*xp%+dL" % (sign, digits, frac, e + b - 1) if digits else "%s0x1p%+dL" % (sign, e + b - 1)


def hi_lo(name, v):
    m, e = rounded(v, 64)
    hi = m << (e + S) if e + S >= 0 else m >> -(e + S)
    print("%-10s HI %s" % (name, hexfloat(m, e)))
    lm, le = rounded(abs(v - hi), 64)
    print("%-10s LO %s" % (name, hexfloat(lm if v >= hi else -lm, le)))


def cut(name, v, bits):
    """v cut to `bits` significant bits (HI, exact products with small integers) and the rest (LO)."""
    shift = v.bit_length() - bits
    hi = (v >> shift) << shift
    m, e = rounded(hi, bits)
    print("%-10s HI%d %s" % (name, bits, hexfloat(m, e)))
    lm, le = rounded(v - hi, 64)
    print("%-10s LO %s" % (name, hexfloat(lm, le)))


def main():
    pi = 16 * atan_inv(5, True) - 4 * atan_inv(239, True)
    ln2 = 2 * atan_inv(3, False)
    ln10 = 3 * ln2 + 2 * atan_inv(9, False)
    cut("ln2", ln2, 40)
    hi_lo("ln2", ln2)
    hi_lo("1/ln2", ONE * ONE // ln2)
    hi_lo("1/ln10", ONE * ONE // ln10)
    hi_lo("log10(2)", ln2 * ONE // ln10)
    hi_lo("pi", pi)
    hi_lo("pi/2", pi // 2)
    hi_lo("pi/4", pi // 4)
    two_over_pi = (2 * ONE * ONE // pi) >> (S - TABLE_BITS)
    print("static const uint64_t two_over_pi[%d] = {" % (TABLE_BITS // 64))
    words = [(two_over_pi >> (TABLE_BITS - 64 * (i + 1))) & (2**64 - 1) for i in range(TABLE_BITS // 64)]
    for i in range(0, len(words), 3):
        print("\t" + " ".join("0x%016x," % w for w in words[i:i + 3]))
    print("};")


if __name__ == "__main__":
    main()
