package dev.etcdspring.client.auth;

import org.springframework.util.Assert;

/**
 * A user name and password for etcd's authentication. The password never shows in
 * {@link #toString()}, logs or exception messages.
 *
 * @param username the user
 * @param password the password
 * @since 0.1.0
 */
public record EtcdCredentials(String username, String password) {

	public EtcdCredentials {
		Assert.hasText(username, "etcd user name must not be empty");
		Assert.notNull(password, "etcd password must not be null");
	}

	@Override
	public String toString() {
		return "EtcdCredentials[username=" + this.username + ", password=******]";
	}

}
