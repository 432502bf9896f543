package dev.regent.core.audit.tiles;

/** The shape of C2SP tlog-tiles: tiles of 256 hashes, a tile level being 8 levels of the binary tree. */
public final class Tiles {
    /** Hashes in a full tile. */
    public static final int WIDTH = 256;
    /** Binary tree levels per tile level. */
    public static final int HEIGHT = 8;

    private Tiles() {
    }
}
