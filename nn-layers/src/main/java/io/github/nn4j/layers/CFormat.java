package io.github.nn4j.layers;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * C's {@code printf} conversions that Java's {@link String#format} spells differently, for
 * {@code toString()} methods that print what a Lua {@code __tostring__} prints.
 */
final class CFormat {

    private CFormat() {
    }

    /**
     * {@code %g} (6 significant digits, trailing zeros dropped, exponent form below 1e-4 and
     * from 1e6), as glibc prints it: {@code 0.01}, {@code 1e-05}, {@code 1e+06}, {@code inf}.
     *
     * @param v the value
     * @return the text
     */
    static String g(double v) {
        if (Double.isNaN(v)) {
            return Double.doubleToRawLongBits(v) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0.0) {
            return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
        }
        BigDecimal r = new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN));
        int exponent = r.precision() - r.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String mantissa = r.movePointLeft(exponent).stripTrailingZeros().toPlainString();
            int e = Math.abs(exponent);
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
        }
        return r.stripTrailingZeros().toPlainString();
    }
}
