package io.github.nn4j.examples.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Properties;

/** Reads the checksums that the conversion scripts computed from the npm packages' JSON. */
final class Expected {

    private final Properties properties = new Properties();

    Expected(String resource) {
        try (InputStream in = Expected.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String string(String key) {
        String v = properties.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("missing key " + key);
        }
        return v;
    }

    long number(String key) {
        return Long.parseLong(string(key));
    }

    long[] numbers(String key) {
        return Arrays.stream(string(key).split(",")).mapToLong(Long::parseLong).toArray();
    }

    double[] decimals(String key) {
        return Arrays.stream(string(key).split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
