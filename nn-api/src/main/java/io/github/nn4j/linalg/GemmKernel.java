package io.github.nn4j.linalg;

/**
 * A register-blocked micro-kernel and the cache-block sizes it was tuned with: the one piece of
 * {@link BlockedGemm} that differs between the Vector API kernel and the portable scalar one.
 *
 * <p>The micro-kernel multiplies an {@code MR × kc} packed panel of {@code op(A)} by a
 * {@code kc × NR} packed panel of {@code op(B)} and adds the {@code MR × NR} result to a tile of
 * {@code C}. Packed layouts (written by {@link BlockedGemm}):
 * <ul>
 *   <li>A panel: {@code ap[aOff + p * MR + i] = alpha * op(A)[i][p]}, {@code p < kc}, {@code i < MR};</li>
 *   <li>B panel: {@code bp[bOff + p * NR + j] = op(B)[p][j]}, {@code p < kc}, {@code j < NR}.</li>
 * </ul>
 * Panels at the matrix edges are zero-padded to full {@code MR}/{@code NR}, so the kernel only
 * ever sees full tiles.
 *
 * <p>Block sizes (Goto/BLIS naming): {@code kc} is the depth of one packed panel (A and B
 * micro-panels of that depth stay in L1), {@code mc × kc} of packed A stays in L2, {@code kc × nc}
 * of packed B stays in L2/L3. {@code mc} must be a multiple of {@code MR} and {@code nc} of
 * {@code NR}: then the tiles of {@code C} fall on the same grid whichever block or thread
 * computes them, which makes multi-threaded results bit-identical to single-threaded ones.
 */
abstract class GemmKernel {

    /** Rows of the register tile. */
    final int mr;
    /** Columns of the register tile. */
    final int nr;
    /** Depth of a packed panel. */
    final int kc;
    /** Rows of a packed block of A (multiple of {@link #mr}). */
    final int mc;
    /** Columns of a packed block of B (multiple of {@link #nr}). */
    final int nc;

    GemmKernel(int mr, int nr, int kc, int mc, int nc) {
        if (mr < 1 || nr < 1 || kc < 1 || mc < mr || nc < nr || mc % mr != 0 || nc % nr != 0) {
            throw new IllegalArgumentException("GemmKernel: bad blocking mr=" + mr + " nr=" + nr + " kc=" + kc
                    + " mc=" + mc + " nc=" + nc);
        }
        this.mr = mr;
        this.nr = nr;
        this.kc = kc;
        this.mc = mc;
        this.nc = nc;
    }

    /**
     * {@code C[0:MR, 0:NR] += Ap · Bp} for one full register tile.
     *
     * @param k depth of the panels, {@code 1 <= k <= kc}
     * @param ap packed A, not modified
     * @param aOff start of the A micro-panel
     * @param bp packed B, not modified
     * @param bOff start of the B micro-panel
     * @param c the output storage, modified in the {@code MR × NR} tile only
     * @param cOff index of the tile's top-left element
     * @param ldc row stride of {@code c}
     */
    abstract void multiplyAdd(int k, double[] ap, int aOff, double[] bp, int bOff, double[] c, int cOff, int ldc);

    /**
     * A short description for logs and benchmarks.
     *
     * @return the kernel's name and blocking
     */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "(MRxNR=" + mr + "x" + nr + ", kc=" + kc + ", mc=" + mc + ", nc=" + nc + ")";
    }
}
