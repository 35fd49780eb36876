package dev.etcdspring.docs.auth;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.auth.AuthClient;
import dev.etcdspring.client.auth.KeyRange;
import dev.etcdspring.client.auth.Permission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's auth administration; {@link AuthAdministrationTests} runs it.
 */
class AuthAdministration {

	private static final Logger log = LoggerFactory.getLogger(AuthAdministration.class);

	// tag::enable-auth[]
	void secure(EtcdClient client, String rootPassword, String appPassword) {
		AuthClient auth = client.auth();
		// etcd enables authentication only with a user root that has the role root
		auth.addUser("root", rootPassword);
		auth.grantRole("root", "root");
		// the application may read and write under /app/, and only read /shared/config
		auth.addRole("app");
		auth.grantPermission("app", Permission.readWrite(KeyRange.prefix("/app/")));
		auth.grantPermission("app", Permission.read(KeyRange.key("/shared/config")));
		auth.addUser("app", appPassword);
		auth.grantRole("app", "app");
		// works from a client without credentials; from now on clients need them
		auth.enable();
	}
	// end::enable-auth[]

	// tag::inspect-auth[]
	void review(EtcdClient root) {
		AuthClient auth = root.auth();
		for (String user : auth.listUsers()) {
			// empty only for a user deleted in the meantime
			auth.getUser(user).ifPresent((found) -> log.info("{} has the roles {}", user, found.roles()));
		}
		// "app may [READWRITE prefix /app/, READ key /shared/config]"
		auth.getRole("app").ifPresent((role) -> log.info("app may {}", role.permissions()));
	}
	// end::inspect-auth[]

}
