package dev.etcdspring.client.exception;

/**
 * A value could not be converted to or from the bytes stored in etcd (for example a JSON
 * value that does not match the requested type).
 *
 * @since 0.1.0
 */
public class EtcdSerializationException extends EtcdException {

	public EtcdSerializationException(String message, Throwable cause) {
		super(message, null, cause);
	}

}
