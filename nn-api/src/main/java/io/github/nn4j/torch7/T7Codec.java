package io.github.nn4j.torch7;

/**
 * Converts one Torch class (e.g. {@code nn.Linear}) to and from its Java module or criterion.
 * Codecs reach the {@link T7Bridge} through a {@link T7CodecProvider} registered with
 * {@link java.util.ServiceLoader}, so a module package registers its own classes and
 * {@code nn-api} knows no concrete layer.
 *
 * <p>Lua's 1-based dimensions, indices and class labels are converted here, at the boundary.
 * {@link #write} must produce what Torch's own {@code read} expects for the class (field names,
 * tensor types); the common module fields ({@code output}, {@code gradInput}, {@code _type},
 * {@code train}) and criterion fields ({@code output}, {@code gradInput}, {@code sizeAverage}) are
 * written by the bridge before {@code write} is called.
 *
 * @param <J> the Java class
 */
public interface T7Codec<J> {

    /**
     * The Torch class name.
     *
     * @return for example {@code "nn.Linear"}
     */
    String torchClass();

    /**
     * The Java class (matched exactly when saving).
     *
     * @return for example {@code Linear.class}
     */
    Class<J> javaClass();

    /**
     * Builds the Java object from the Torch object's fields.
     *
     * @param object the Torch object, with its field table
     * @param in the reading context (child modules, tensors, errors with the path)
     * @return the Java module or criterion
     * @throws T7ModuleException if a field is missing or unsupported
     */
    J read(T7Object object, T7Bridge.Reading in) throws T7ModuleException;

    /**
     * Adds the class's own fields to {@code fields}.
     *
     * @param value the Java object
     * @param fields the field table, already holding the common fields
     * @param out the writing context (tensors and child modules, sharing preserved)
     * @throws T7ModuleException if the object cannot be represented
     */
    void write(J value, T7Table fields, T7Bridge.Writing out) throws T7ModuleException;

    /**
     * The class version written in the object's {@code "V n"} header: Torch's
     * {@code __version} of the class (e.g. 2 for {@code nn.GradientReversal}, whose {@code read}
     * resets fields of older files), 1 unless overridden.
     *
     * @return the version
     */
    default int version() {
        return 1;
    }

    /**
     * Reads one Torch object's fields into a new Java object (the read half of a codec).
     *
     * @param <J> the Java class
     */
    @FunctionalInterface
    interface Reader<J> {
        /**
         * Builds the Java object.
         *
         * @param object the Torch object
         * @param in the reading context
         * @return the Java object
         * @throws T7ModuleException if a field is missing or unsupported
         */
        J read(T7Object object, T7Bridge.Reading in) throws T7ModuleException;
    }

    /**
     * Writes a Java object's own fields (the write half of a codec).
     *
     * @param <J> the Java class
     */
    @FunctionalInterface
    interface Writer<J> {
        /**
         * Adds the object's own fields.
         *
         * @param value the Java object
         * @param fields the field table
         * @param out the writing context
         * @throws T7ModuleException if the object cannot be represented
         */
        void write(J value, T7Table fields, T7Bridge.Writing out) throws T7ModuleException;
    }

    /**
     * A codec from its two halves, e.g.
     * {@code T7Codec.of("nn.Tanh", Tanh.class, (o, in) -> new Tanh(), (m, f, out) -> { })}.
     *
     * @param torchClass the Torch class name
     * @param javaClass the Java class
     * @param reader builds the Java object
     * @param writer writes its own fields
     * @param <J> the Java class
     * @return the codec
     */
    static <J> T7Codec<J> of(String torchClass, Class<J> javaClass, Reader<J> reader, Writer<J> writer) {
        return of(torchClass, javaClass, 1, reader, writer);
    }

    /**
     * A codec from its two halves, for a class whose Torch {@code __version} is not 1 (e.g. 2 for
     * {@code nn.BatchNormalization}, 4 for {@code nn.LookupTable}); {@link #read} sees the file's own
     * version through {@link T7Object#version()}.
     *
     * @param torchClass the Torch class name
     * @param javaClass the Java class
     * @param version the class version written in the {@code "V n"} header
     * @param reader builds the Java object
     * @param writer writes its own fields
     * @param <J> the Java class
     * @return the codec
     */
    static <J> T7Codec<J> of(String torchClass, Class<J> javaClass, int version, Reader<J> reader,
            Writer<J> writer) {
        return new T7Codec<>() {
            @Override
            public String torchClass() {
                return torchClass;
            }

            @Override
            public Class<J> javaClass() {
                return javaClass;
            }

            @Override
            public J read(T7Object object, T7Bridge.Reading in) throws T7ModuleException {
                return reader.read(object, in);
            }

            @Override
            public void write(J value, T7Table fields, T7Bridge.Writing out) throws T7ModuleException {
                writer.write(value, fields, out);
            }

            @Override
            public int version() {
                return version;
            }

            @Override
            public String toString() {
                return "T7Codec[" + torchClass + " <-> " + javaClass.getSimpleName() + "]";
            }
        };
    }
}
