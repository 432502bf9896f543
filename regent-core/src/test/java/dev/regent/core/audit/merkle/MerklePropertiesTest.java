package dev.regent.core.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Properties of roots and proofs over random tree sizes: every honest proof verifies, every tampered one fails. */
class MerklePropertiesTest {

    @Property(tries = 200)
    void everyInclusionProofVerifies(@ForAll @IntRange(min = 1, max = 300) int size, @ForAll @IntRange(min = 0, max = 299) int index) {
        Assume.that(index < size);
        MemoryLeaves leaves = leaves(size);
        ProofBuilder builder = new ProofBuilder(leaves);
        InclusionProof proof = builder.inclusion(index, size);
        assertThat(proof.verifies(leaves.get(index), builder.root(size))).isTrue();
        assertThat(proof.verifies(leaves.get((index + 1) % size), builder.root(size))).isEqualTo(size == 1);
    }

    @Property(tries = 200)
    void everyConsistencyProofVerifies(@ForAll @IntRange(min = 0, max = 300) int size1, @ForAll @IntRange(min = 0, max = 300) int size2) {
        Assume.that(size1 <= size2);
        ProofBuilder builder = new ProofBuilder(leaves(size2));
        ConsistencyProof proof = builder.consistency(size1, size2);
        assertThat(proof.verifies(builder.root(size1), builder.root(size2))).isTrue();
    }

    @Property(tries = 200)
    void aTamperedProofOrLeafFails(@ForAll @IntRange(min = 2, max = 300) int size, @ForAll @IntRange(min = 1, max = 299) int size1,
                                   @ForAll @IntRange(min = 0, max = 1000) int pick, @ForAll @IntRange(min = 0, max = 7) int bit) {
        Assume.that(size1 < size);
        MemoryLeaves leaves = leaves(size);
        ProofBuilder builder = new ProofBuilder(leaves);
        Hash root = builder.root(size);

        InclusionProof inclusion = builder.inclusion(pick % size, size);
        int element = pick % inclusion.path().size();
        InclusionProof badInclusion = new InclusionProof(inclusion.leafIndex(), size,
                KnownAnswerTest.flipBit(inclusion.path(), element, bit));
        assertThat(badInclusion.verifies(leaves.get(pick % size), root)).isFalse();

        ConsistencyProof consistency = builder.consistency(size1, size);
        List<Hash> path = consistency.path();
        ConsistencyProof badConsistency = new ConsistencyProof(size1, size,
                KnownAnswerTest.flipBit(path, pick % path.size(), bit));
        assertThat(badConsistency.verifies(builder.root(size1), root)).isFalse();

        // a log that rewrote one old leaf is not consistent with its earlier self
        MemoryLeaves forked = new MemoryLeaves();
        for (int i = 0; i < size; i++) {
            forked.add(i == pick % size1 ? TreeHasher.leaf(new byte[] {42}) : leaves.get(i));
        }
        ProofBuilder forkedBuilder = new ProofBuilder(forked);
        assertThat(forkedBuilder.consistency(size1, size).verifies(builder.root(size1), forkedBuilder.root(size))).isFalse();
    }

    @Property(tries = 50)
    void streamedRootEqualsTheRecursiveDefinition(@ForAll @IntRange(min = 0, max = 200) int size) {
        MemoryLeaves leaves = leaves(size);
        RootAccumulator acc = new RootAccumulator();
        leaves.scan(0, size, acc::add);
        assertThat(acc.root()).isEqualTo(recursiveRoot(leaves, 0, size));
    }

    /** RFC 6962 §2.1 MTH written literally, as the reference for small trees. */
    private static Hash recursiveRoot(MemoryLeaves leaves, long from, long to) {
        long n = to - from;
        if (n == 0) {
            return TreeHasher.EMPTY_ROOT;
        }
        if (n == 1) {
            return leaves.get(from);
        }
        long k = ProofBuilder.largestPowerOfTwoBelow(n);
        return TreeHasher.node(recursiveRoot(leaves, from, from + k), recursiveRoot(leaves, from + k, to));
    }

    private static MemoryLeaves leaves(int size) {
        MemoryLeaves leaves = new MemoryLeaves();
        for (int i = 0; i < size; i++) {
            leaves.add(TreeHasher.leaf(ByteBuffer.allocate(4).putInt(i).array()));
        }
        return leaves;
    }
}
