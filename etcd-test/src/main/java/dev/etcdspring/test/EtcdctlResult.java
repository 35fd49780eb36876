package dev.etcdspring.test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Outcome of one {@code etcdctl} run.
 * <p>
 * Standard output is kept as bytes because tests compare binary values; {@link #stdout()}
 * decodes it as UTF-8 for the common textual case.
 *
 * @param exitCode the exit code of the process
 * @param stdoutBytes the raw bytes written to standard output
 * @param stderr the text written to standard error
 * @since 0.1.0
 */
public record EtcdctlResult(int exitCode, byte[] stdoutBytes, String stderr) {

	/**
	 * Create a result, copying the given output so the record stays immutable.
	 * @param exitCode the exit code of the process
	 * @param stdoutBytes the raw bytes written to standard output
	 * @param stderr the text written to standard error
	 * @since 0.1.0
	 */
	public EtcdctlResult {
		Objects.requireNonNull(stdoutBytes, "stdoutBytes");
		Objects.requireNonNull(stderr, "stderr");
		stdoutBytes = stdoutBytes.clone();
	}

	/**
	 * Create a result from textual standard output.
	 * @param exitCode the exit code of the process
	 * @param stdout the text written to standard output
	 * @param stderr the text written to standard error
	 * @since 0.1.0
	 */
	public EtcdctlResult(int exitCode, String stdout, String stderr) {
		this(exitCode, stdout.getBytes(StandardCharsets.UTF_8), stderr);
	}

	/**
	 * Return a copy of the raw standard output.
	 * @return the bytes written to standard output
	 * @since 0.1.0
	 */
	@Override
	public byte[] stdoutBytes() {
		return this.stdoutBytes.clone();
	}

	/**
	 * Return standard output decoded as UTF-8.
	 * @return the text written to standard output
	 * @since 0.1.0
	 */
	public String stdout() {
		return new String(this.stdoutBytes, StandardCharsets.UTF_8);
	}

	/**
	 * Return whether {@code etcdctl} exited with code 0.
	 * @return whether the command succeeded
	 * @since 0.1.0
	 */
	public boolean isSuccess() {
		return this.exitCode == 0;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof EtcdctlResult that) && this.exitCode == that.exitCode
				&& Arrays.equals(this.stdoutBytes, that.stdoutBytes) && this.stderr.equals(that.stderr);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.exitCode, Arrays.hashCode(this.stdoutBytes), this.stderr);
	}

	@Override
	public String toString() {
		return "EtcdctlResult[exitCode=" + this.exitCode + ", stdout=" + stdout() + ", stderr=" + this.stderr + "]";
	}

}
