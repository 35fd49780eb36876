package dev.etcdspring.client.maintenance;

/**
 * A snapshot that was written completely and whose checksum matched.
 *
 * @param endpoint the member that sent it
 * @param size the bytes written, the database followed by its 32-byte SHA-256 checksum
 * (the format {@code etcdctl snapshot save} writes and {@code etcdctl snapshot restore}
 * reads)
 * @since 0.1.0
 */
public record Snapshot(String endpoint, long size) {

}
