package dev.regent.core.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Merkle code against the RFC 6962 test data: roots, proofs generated and verified, and corrupted proofs refused. */
class KnownAnswerTest {
    private static final Hash SOME_HASH = Hash.ofHex("abacaba000000000000000000000000000000000000000000060061e00123456");
    private final ProofBuilder builder = new ProofBuilder(Rfc6962Vectors.leaves());

    @Test
    void emptyTreeRootIsTheHashOfNothing() {
        assertThat(TreeHasher.EMPTY_ROOT.hex()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(new RootAccumulator().root()).isEqualTo(TreeHasher.EMPTY_ROOT);
        assertThat(builder.root(0)).isEqualTo(TreeHasher.EMPTY_ROOT);
    }

    @Test
    void rootsOfEverySizeMatch() {
        RootAccumulator acc = new RootAccumulator();
        for (int size = 1; size <= 8; size++) {
            acc.add(TreeHasher.leaf(Rfc6962Vectors.LEAVES.get(size - 1)));
            assertThat(acc.root()).as("streamed root of %d", size).isEqualTo(Rfc6962Vectors.root(size));
            assertThat(builder.root(size)).as("built root of %d", size).isEqualTo(Rfc6962Vectors.root(size));
        }
    }

    @Test
    void inclusionProofsAreGeneratedExactlyAndVerify() {
        for (InclusionProof known : Rfc6962Vectors.INCLUSION) {
            assertThat(builder.inclusion(known.leafIndex(), known.treeSize())).isEqualTo(known);
            Hash leaf = leafHash(known.leafIndex());
            assertThat(known.verifies(leaf, Rfc6962Vectors.root(known.treeSize()))).as("%s", known).isTrue();
        }
    }

    @Test
    void corruptedInclusionProofsFail() {
        for (InclusionProof known : Rfc6962Vectors.INCLUSION) {
            Hash root = Rfc6962Vectors.root(known.treeSize());
            Hash leaf = leafHash(known.leafIndex());
            long i = known.leafIndex();
            long n = known.treeSize();
            List<Hash> p = known.path();
            List<InclusionProof> wrong = new ArrayList<>(List.of(
                    new InclusionProof(i - 1, n, p), new InclusionProof(i + 1, n, p), new InclusionProof(i ^ 2, n, p),
                    new InclusionProof(i, n * 2, p), new InclusionProof(i, n / 2, p),
                    new InclusionProof(i, n, append(p, root)), new InclusionProof(i, n, prepend(root, p)),
                    new InclusionProof(i, n, append(p, SOME_HASH)), new InclusionProof(i, n, prepend(SOME_HASH, p))));
            for (int k = 0; k < p.size(); k++) {
                wrong.add(new InclusionProof(i, n, flipBit(p, k, 3)));
            }
            if (!p.isEmpty()) {
                wrong.add(new InclusionProof(i, n, p.subList(0, p.size() - 1)));
            }
            for (InclusionProof w : wrong) {
                assertThat(w.verifies(leaf, root)).as("%s", w).isFalse();
            }
            assertThat(known.verifies(TreeHasher.leaf("WrongLeaf".getBytes()), root)).isFalse();
            assertThat(known.verifies(leaf, TreeHasher.EMPTY_ROOT)).isFalse();
            assertThat(known.verifies(leaf, SOME_HASH)).isFalse();
        }
    }

    @Test
    void consistencyProofsAreGeneratedExactlyAndVerify() {
        for (ConsistencyProof known : Rfc6962Vectors.CONSISTENCY) {
            assertThat(builder.consistency(known.size1(), known.size2())).isEqualTo(known);
            assertThat(known.verifies(Rfc6962Vectors.root(known.size1()), Rfc6962Vectors.root(known.size2())))
                    .as("%s", known).isTrue();
        }
    }

    @Test
    void corruptedConsistencyProofsFail() {
        for (ConsistencyProof known : Rfc6962Vectors.CONSISTENCY) {
            if (known.path().isEmpty()) {
                continue;
            }
            long m = known.size1();
            long n = known.size2();
            Hash r1 = Rfc6962Vectors.root(m);
            Hash r2 = Rfc6962Vectors.root(n);
            List<Hash> p = known.path();
            List<ConsistencyProof> wrong = new ArrayList<>(List.of(
                    new ConsistencyProof(m - 1, n, p), new ConsistencyProof(m + 1, n, p), new ConsistencyProof(m ^ 2, n, p),
                    new ConsistencyProof(m, n * 2, p), new ConsistencyProof(m, n / 2, p),
                    new ConsistencyProof(m, n, List.of()),
                    new ConsistencyProof(m, n, append(p, r1)), new ConsistencyProof(m, n, append(p, r2)),
                    new ConsistencyProof(m, n, append(p, SOME_HASH)),
                    new ConsistencyProof(m, n, prepend(r1, p)), new ConsistencyProof(m, n, prepend(r2, p)),
                    new ConsistencyProof(m, n, prepend(p.get(0), p)),
                    new ConsistencyProof(m, n, p.subList(0, p.size() - 1))));
            for (int k = 0; k < p.size(); k++) {
                wrong.add(new ConsistencyProof(m, n, flipBit(p, k, 4)));
            }
            for (ConsistencyProof w : wrong) {
                assertThat(w.verifies(r1, r2)).as("%s", w).isFalse();
            }
            assertThat(known.verifies(SOME_HASH, r2)).isFalse();
            assertThat(known.verifies(r1, SOME_HASH)).isFalse();
            assertThat(known.verifies(r2, r1)).as("swapped roots").isFalse();
        }
    }

    @Test
    void trivialConsistencyCases() {
        Hash a = Rfc6962Vectors.root(1);
        Hash b = Rfc6962Vectors.root(2);
        assertThat(new ConsistencyProof(0, 0, List.of()).verifies(a, a)).isTrue();
        assertThat(new ConsistencyProof(0, 1, List.of()).verifies(a, b)).isTrue();
        assertThat(new ConsistencyProof(1, 1, List.of()).verifies(a, b)).as("same size, different roots").isFalse();
        assertThat(new ConsistencyProof(1, 1, List.of(a)).verifies(a, a)).as("same size, non-empty proof").isFalse();
        assertThat(new ConsistencyProof(2, 1, List.of()).verifies(a, b)).as("back in time").isFalse();
        assertThat(new ConsistencyProof(1, 2, List.of()).verifies(a, b)).as("empty proof").isFalse();
    }

    private static Hash leafHash(long index) {
        return TreeHasher.leaf(Rfc6962Vectors.LEAVES.get((int) index));
    }

    static List<Hash> flipBit(List<Hash> path, int element, int bit) {
        List<Hash> copy = new ArrayList<>(path);
        byte[] bytes = copy.get(element).bytes();
        bytes[0] ^= (byte) (1 << bit);
        copy.set(element, Hash.of(bytes));
        return copy;
    }

    private static List<Hash> append(List<Hash> path, Hash h) {
        List<Hash> copy = new ArrayList<>(path);
        copy.add(h);
        return copy;
    }

    private static List<Hash> prepend(Hash h, List<Hash> path) {
        List<Hash> copy = new ArrayList<>();
        copy.add(h);
        copy.addAll(path);
        return copy;
    }
}
