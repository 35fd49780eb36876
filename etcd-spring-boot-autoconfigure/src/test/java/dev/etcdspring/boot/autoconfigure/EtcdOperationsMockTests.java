package dev.etcdspring.boot.autoconfigure;

import java.util.Optional;

import dev.etcdspring.client.template.EtcdOperations;
import dev.etcdspring.client.template.EtcdTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

/**
 * How an application tests code that uses etcd without etcd: it mocks
 * {@link EtcdOperations}, and the auto-configured template steps aside. The endpoint is a
 * port nothing listens on: nothing here may talk to etcd.
 */
@SpringBootTest(properties = "etcd.endpoints=http://127.0.0.1:9")
class EtcdOperationsMockTests {

	@MockitoBean
	EtcdOperations etcd;

	@Autowired
	FeatureSwitch featureSwitch;

	@Autowired
	ApplicationContext context;

	@Test
	void applicationCodeShouldGetTheMockAndTheTemplateShouldStepAside() {
		given(this.etcd.get("/flags/dark-mode")).willReturn(Optional.of("on"));
		given(this.etcd.compareAndSwap("/flags/dark-mode", "on", "off")).willReturn(true);

		assertThat(this.featureSwitch.isOn("dark-mode")).isTrue();
		assertThat(this.featureSwitch.turnOff("dark-mode")).isTrue();
		assertThat(this.featureSwitch.isOn("beta")).isFalse();

		then(this.etcd).should().compareAndSwap("/flags/dark-mode", "on", "off");
		assertThat(this.context.getBean(EtcdOperations.class)).isSameAs(this.etcd);
		assertThat(this.context.getBeansOfType(EtcdTemplate.class)).isEmpty();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(FeatureSwitch.class)
	static class FeatureApplication {

	}

	/** Application code, written against the interface. */
	static class FeatureSwitch {

		private final EtcdOperations etcd;

		FeatureSwitch(EtcdOperations etcd) {
			this.etcd = etcd;
		}

		boolean isOn(String flag) {
			return this.etcd.get("/flags/" + flag).map("on"::equals).orElse(false);
		}

		boolean turnOff(String flag) {
			return this.etcd.compareAndSwap("/flags/" + flag, "on", "off");
		}

	}

}
