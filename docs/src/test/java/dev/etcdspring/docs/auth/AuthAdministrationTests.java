package dev.etcdspring.docs.auth;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.auth.KeyRange;
import dev.etcdspring.client.auth.Permission;
import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.exception.EtcdPermissionDeniedException;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.EtcdctlResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Runs the README's {@link AuthAdministration} against a real etcd, and checks that etcd
 * then holds the application to what its role grants.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuthAdministrationTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@Test
	void secureShouldEnableAuthenticationAndHoldTheApplicationToItsRole(CapturedOutput output) {
		try (EtcdClient anonymous = EtcdClient.create(etcd.endpoint())) {
			new AuthAdministration().secure(anonymous, "root-pw", "app-pw");
			assertThatExceptionOfType(EtcdAuthenticationException.class)
				.isThrownBy(() -> new EtcdTemplate(anonymous).get("/app/x"));
		}
		try (EtcdClient root = EtcdClient.builder().endpoints(etcd.endpoint()).credentials("root", "root-pw").build();
				EtcdClient app = EtcdClient.builder().endpoints(etcd.endpoint()).credentials("app", "app-pw").build()) {
			new EtcdTemplate(root).put("/shared/config", "shared");
			EtcdTemplate template = new EtcdTemplate(app);
			template.put("/app/x", "mine");
			assertThat(template.get("/shared/config")).contains("shared");
			assertThatExceptionOfType(EtcdPermissionDeniedException.class)
				.isThrownBy(() -> template.put("/shared/config", "changed"));
			assertThat(root.auth().getRole("app").orElseThrow().permissions()).containsExactly(
					Permission.readWrite(KeyRange.prefix("/app/")), Permission.read(KeyRange.key("/shared/config")));
			new AuthAdministration().review(root);
		}
		assertThat(output).contains("app has the roles [app]", "root has the roles [root]",
				"app may [READWRITE prefix /app/, READ key /shared/config]");
		EtcdctlResult role = etcd.etcdctl("--user=root:root-pw", "role", "get", "app");
		assertThat(role.stdout()).contains("[/app/, /app0) (prefix /app/)", "/shared/config");
	}

}
