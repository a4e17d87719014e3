package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.github.nn4j.linalg.Precision;
import picocli.CommandLine.TypeConversionException;

class PrecisionConverterTest {

    @Test
    void parsesBothPrecisionsInAnyCase() {
        PrecisionConverter c = new PrecisionConverter();
        assertEquals(Precision.FLOAT32, c.convert("float32"));
        assertEquals(Precision.FLOAT32, c.convert("FLOAT32"));
        assertEquals(Precision.FLOAT64, c.convert("float64"));
        assertEquals(Precision.FLOAT64, c.convert("Double"));
    }

    @Test
    void rejectsOtherNamesSayingWhatIsExpected() {
        TypeConversionException e = assertThrows(TypeConversionException.class,
                () -> new PrecisionConverter().convert("float16"));
        assertEquals("expected float32 or float64, got 'float16'", e.getMessage());
    }
}
