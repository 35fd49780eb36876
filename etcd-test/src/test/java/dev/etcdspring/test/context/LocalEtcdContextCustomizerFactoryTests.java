package dev.etcdspring.test.context;

import java.util.List;

import dev.etcdspring.test.EtcdServer;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link LocalEtcdContextCustomizerFactory} and the sharing of etcd processes.
 */
class LocalEtcdContextCustomizerFactoryTests {

	private final LocalEtcdContextCustomizerFactory factory = new LocalEtcdContextCustomizerFactory();

	@Test
	void factoryShouldBeRegisteredForSpringTest() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(ContextCustomizerFactory.class))
			.hasAtLeastOneElementOfType(LocalEtcdContextCustomizerFactory.class);
	}

	@Test
	void customizerWhenClassIsNotAnnotatedShouldBeNull() {
		assertThat(customizer(NotAnnotated.class)).isNull();
	}

	@Test
	void customizersWhenConfigurationIsTheSameShouldBeEqualSoThatContextsAreShared() {
		assertThat(customizer(Single.class)).isEqualTo(customizer(OtherSingle.class))
			.hasSameHashCodeAs(customizer(OtherSingle.class));
	}

	@Test
	void customizersWhenConfigurationDiffersShouldNotBeEqual() {
		assertThat(customizer(Single.class)).isNotEqualTo(customizer(Cluster.class))
			.isNotEqualTo(customizer(WithArgs.class))
			.isNotEqualTo(customizer(OtherProperty.class));
	}

	@Test
	void customizersWhenTlsDiffersShouldNotBeEqual() {
		assertThat(customizer(Single.class)).isNotEqualTo(customizer(Tls.class))
			.isNotEqualTo(customizer(ClientCertificates.class));
		assertThat(customizer(Tls.class)).isNotEqualTo(customizer(ClientCertificates.class))
			.isNotEqualTo(customizer(TlsOtherBundle.class));
	}

	@Test
	void customizersWhenClientCertificatesAreAskedForShouldShareOneEtcdWithOrWithoutTls() {
		assertThat(customizer(ClientCertificates.class)).isEqualTo(customizer(TlsAndClientCertificates.class));
	}

	@Test
	void customizerWithoutTlsShouldIgnoreTheBundleName() {
		assertThat(customizer(OtherBundleWithoutTls.class)).isEqualTo(customizer(Single.class));
	}

	@Test
	void customizerWhenTlsHasNoBundleNameShouldFailNamingTheClass() {
		assertThatIllegalStateException().isThrownBy(() -> customizer(TlsWithoutBundle.class))
			.withMessageContaining(TlsWithoutBundle.class.getName())
			.withMessageContaining("sslBundle");
	}

	@Test
	void customizerWithTlsOnlyShouldSetATrustStoreButNoKeyStore() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			customizer(TlsOtherBundle.class).customizeContext(context, config(TlsOtherBundle.class));
			context.refresh();
			EtcdServer server = context.getBean(EtcdServer.class);
			assertThat(server.endpoint()).startsWith("https://");
			assertThat(context.getEnvironment().getProperty("etcd.ssl.bundle")).isEqualTo("other");
			assertThat(context.getEnvironment().getProperty("spring.ssl.bundle.pem.other.truststore.certificate"))
				.isEqualTo(server.tls().caCertificate().toUri().toString());
			assertThat(context.getEnvironment().containsProperty("spring.ssl.bundle.pem.other.keystore.certificate"))
				.isFalse();
		}
	}

	@Test
	void customizerWhenAnnotationIsMetaAnnotationShouldBeFound() {
		assertThat(customizer(MetaAnnotated.class)).isEqualTo(customizer(Cluster.class));
	}

	@Test
	void customizerWhenNoMemberIsAskedForShouldFailNamingTheClass() {
		assertThatIllegalStateException().isThrownBy(() -> customizer(NoMembers.class))
			.withMessageContaining(NoMembers.class.getName())
			.withMessageContaining("at least one member");
	}

	@Test
	void contextsWithTheSameConfigurationShouldShareOneRunningServer() {
		ContextCustomizer first = customizer(WithArgs.class);
		ContextCustomizer second = customizer(OtherWithArgs.class);
		try (GenericApplicationContext one = new GenericApplicationContext();
				GenericApplicationContext two = new GenericApplicationContext()) {
			first.customizeContext(one, config(WithArgs.class));
			second.customizeContext(two, config(OtherWithArgs.class));
			one.refresh();
			two.refresh();
			EtcdServer server = one.getBean(EtcdServer.class);
			assertThat(two.getBean(EtcdServer.class)).isSameAs(server);
			assertThat(one.getEnvironment().getProperty("etcd.endpoints")).isEqualTo(server.endpoint());
			assertThat(two.getEnvironment().getProperty("etcd.endpoints")).isEqualTo(server.endpoint());
		}
		// closing a context must leave the shared server running for the next one
		EtcdServer server = LocalEtcdServers.obtain(new LocalEtcdServers.Key(1, List.of("--max-txn-ops=64"))).member(0);
		assertThat(server.isHealthy()).isTrue();
	}

	private ContextCustomizer customizer(Class<?> testClass) {
		return this.factory.createContextCustomizer(testClass, List.of());
	}

	private static MergedContextConfiguration config(Class<?> testClass) {
		return new MergedContextConfiguration(testClass, null, null, null, null);
	}

	static class NotAnnotated {

	}

	@LocalEtcd
	static class Single {

	}

	@LocalEtcd
	static class OtherSingle {

	}

	@LocalEtcd(members = 3)
	static class Cluster {

	}

	@LocalEtcd(args = "--max-txn-ops=64")
	static class WithArgs {

	}

	@LocalEtcd(args = "--max-txn-ops=64")
	static class OtherWithArgs {

	}

	@LocalEtcd(endpointsProperty = "other.endpoints")
	static class OtherProperty {

	}

	@LocalEtcd(members = 0)
	static class NoMembers {

	}

	@LocalEtcd(tls = true)
	static class Tls {

	}

	@LocalEtcd(tls = true, sslBundle = "other")
	static class TlsOtherBundle {

	}

	@LocalEtcd(tls = true, sslBundle = " ")
	static class TlsWithoutBundle {

	}

	@LocalEtcd(sslBundle = "other")
	static class OtherBundleWithoutTls {

	}

	@LocalEtcd(clientCertificates = true)
	static class ClientCertificates {

	}

	@LocalEtcd(tls = true, clientCertificates = true)
	static class TlsAndClientCertificates {

	}

	@LocalEtcd(members = 3)
	@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
	@interface ClusterTest {

	}

	@ClusterTest
	static class MetaAnnotated {

	}

}
