package dev.etcdspring.client.internal.transport;

import java.io.IOException;
import java.io.InputStream;

/**
 * An answer's body, read in blocks; single bytes go through the block read too.
 */
abstract class BodyInputStream extends InputStream {

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
	}

	@Override
	public abstract int read(byte[] target, int offset, int length) throws IOException;

}
