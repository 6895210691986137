package dev.neurite.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species of the SIMD backend, chosen once from {@code -Dneurite.simd.bits}
 * (128, 256 or 512; default: the widest shape this CPU runs natively). Reading a field of this
 * class throws {@link UnsupportedOperationException} (wrapped in an
 * {@link ExceptionInInitializerError} on first use) for an unknown value or one wider than the
 * CPU supports; {@link SimdKernels} surfaces the reason when it is constructed.
 */
final class SimdConstants {

    /** System property that sets the vector width in bits. */
    static final String BITS_PROPERTY = "neurite.simd.bits";

    static final VectorSpecies<Float> FLOAT_SPECIES = floatSpecies(System.getProperty(BITS_PROPERTY));
    static final VectorSpecies<Double> DOUBLE_SPECIES =
            VectorSpecies.of(double.class, FLOAT_SPECIES.vectorShape());

    private SimdConstants() {
    }

    /** The float species for a property value ({@code null} or blank: the preferred one). */
    static VectorSpecies<Float> floatSpecies(String bitsValue) {
        VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
        if (bitsValue == null || bitsValue.isBlank()) {
            return preferred;
        }
        int bits;
        try {
            bits = Integer.parseInt(bitsValue.trim());
        } catch (NumberFormatException e) {
            throw new UnsupportedOperationException(BITS_PROPERTY + " must be 128, 256 or 512, got '"
                    + bitsValue + "'", e);
        }
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new UnsupportedOperationException(BITS_PROPERTY + " must be 128, 256 or 512, got " + bits);
        }
        if (bits > preferred.vectorBitSize()) {
            throw new UnsupportedOperationException(BITS_PROPERTY + "=" + bits
                    + " is wider than this CPU's vectors (" + preferred.vectorBitSize() + " bits)");
        }
        return VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }
}
