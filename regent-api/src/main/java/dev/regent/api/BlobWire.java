package dev.regent.api;

/** {@code POST /api/v1/models/{model}/blobs}: the digest under which the uploaded bytes are stored, and their size. */
public record BlobWire(String digest, long size) {
}
