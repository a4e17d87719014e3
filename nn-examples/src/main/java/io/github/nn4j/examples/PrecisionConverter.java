package io.github.nn4j.examples;

import java.util.Locale;

import io.github.nn4j.linalg.Precision;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses {@code --precision float32|float64} (any case) into a {@link Precision} for the
 * commands that switch {@code Gemm.setPrecision}.
 */
public final class PrecisionConverter implements ITypeConverter<Precision> {

    /** The option's description, shared by the commands that take it. */
    public static final String DESCRIPTION = "Arithmetic of the large matrix products: float64 (Torch-exact, the "
            + "default) or float32 (operands rounded to float, twice the vector lanes; results stay double).";

    @Override
    public Precision convert(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "float64", "double" -> Precision.FLOAT64;
            case "float32", "float" -> Precision.FLOAT32;
            default -> throw new TypeConversionException("expected float32 or float64, got '" + value + "'");
        };
    }
}
