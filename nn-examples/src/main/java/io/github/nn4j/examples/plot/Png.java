package io.github.nn4j.examples.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import io.github.nn4j.torch7.AtomicFiles;

/** Writing images headless. */
final class Png {

    private Png() {
    }

    /** Makes AWT headless unless the user chose otherwise: charts need no display. */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Writes a PNG atomically ({@link AtomicFiles}): a failed write leaves the old file as it was. */
    static void write(BufferedImage image, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
