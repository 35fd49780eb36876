package dev.etcdspring.client.listener;

import java.util.List;
import java.util.Map;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.annotation.EnableEtcdWatch;
import dev.etcdspring.client.annotation.EtcdKey;
import dev.etcdspring.client.annotation.EtcdRevision;
import dev.etcdspring.client.annotation.EtcdValue;
import dev.etcdspring.client.annotation.EtcdWatch;
import dev.etcdspring.client.watch.WatchEvent;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * An {@link EtcdWatch @EtcdWatch} method that cannot be served fails the startup with a
 * message naming the bean, the method and the problem. Nothing here reaches etcd.
 */
class EtcdWatchValidationTests {

	private static final String NO_ETCD = "http://127.0.0.1:9";

	@Test
	void watchWhenKeyIsEmptyShouldFailStartup() {
		assertStartupFails(EmptyKey.class, "emptyKey", "EmptyKey.on(String)", "the key is empty");
	}

	@Test
	void watchWhenPlaceholderCannotBeResolvedShouldFailStartup() {
		assertStartupFails(UnresolvedPlaceholder.class, "unresolvedPlaceholder", "UnresolvedPlaceholder.on(String)",
				"the key '${missing.key}' has a placeholder that could not be resolved");
	}

	@Test
	void watchWhenPlaceholderResolvesToEmptyShouldFailStartup() {
		assertStartupFails(Map.of("blank.key", ""), BlankPlaceholder.class, "blankPlaceholder",
				"BlankPlaceholder.on(String)", "the key is empty");
	}

	@Test
	void watchWhenParameterIsUnsupportedPrimitiveShouldFailStartup() {
		assertStartupFails(PrimitiveParameter.class, "primitiveParameter", "PrimitiveParameter.on(int)",
				"parameter 0 (int count) is not supported");
	}

	@Test
	void watchWhenTwoParametersWantTheValueWithConflictingTypesShouldFailStartup() {
		assertStartupFails(ConflictingValues.class, "conflictingValues", "ConflictingValues.on(String, Feature)",
				"parameter 1 (Feature feature) and parameter 0 (String text) both take the value, with conflicting types");
	}

	@Test
	void watchWhenTwoUnannotatedParametersCouldBeTheValueShouldFailStartup() {
		assertStartupFails(AmbiguousValues.class, "ambiguousValues", "AmbiguousValues.on(String, String)",
				"parameter 1 (String second) and parameter 0 (String first) could both be the value");
	}

	@Test
	void watchWhenKeyParameterIsNotAStringShouldFailStartup() {
		assertStartupFails(KeyNotString.class, "keyNotString", "KeyNotString.on(Integer)",
				"is annotated with @EtcdKey but is neither a String nor a byte[]");
	}

	@Test
	void watchWhenRevisionParameterIsNotALongShouldFailStartup() {
		assertStartupFails(RevisionNotLong.class, "revisionNotLong", "RevisionNotLong.on(String)",
				"is annotated with @EtcdRevision but is not a long");
	}

	@Test
	void watchWhenValueHasGenericTypeShouldFailStartup() {
		assertStartupFails(GenericValue.class, "genericValue", "GenericValue.on(List)",
				"has the generic type java.util.List<java.lang.String>");
	}

	@Test
	void watchWhenEventsIsEmptyShouldFailStartup() {
		assertStartupFails(NoEvents.class, "noEvents", "NoEvents.on()", "events is empty");
	}

	@Test
	void watchWhenInitialLeavesOutPutsShouldFailStartup() {
		assertStartupFails(InitialWithoutPuts.class, "initialWithoutPuts", "InitialWithoutPuts.on()",
				"initial = true delivers the current values as puts, but events leaves out PUT");
	}

	@Test
	void watchWhenAutoStartupIsNotBooleanShouldFailStartup() {
		assertStartupFails(BadAutoStartup.class, "badAutoStartup", "BadAutoStartup.on()",
				"autoStartup is 'maybe', neither 'true' nor 'false'");
	}

	@Test
	void watchWhenTwoWatchesHaveTheSameIdShouldFailStartup() {
		assertStartupFails(DuplicateIds.class, "duplicateIds", "DuplicateIds.", "already has the id 'same'");
	}

	@Test
	void watchWhenContainerFactoryIsUnknownShouldFailStartupNamingIt() {
		assertStartupFails(UnknownFactory.class, "unknownFactory", "UnknownFactory.on(String)",
				"containerFactory is 'missingFactory', but there is no bean of that name "
						+ "(define an EtcdWatchContainerFactory bean named 'missingFactory')");
	}

	@Test
	void watchWhenThereIsNoTemplateShouldFailStartup() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.register(ClientOnlyConfiguration.class, Valid.class);
		assertThatException().isThrownBy(context::refresh)
			.withMessageContaining("@EtcdWatch methods need an EtcdTemplate bean (any EtcdOperations")
			.withMessageContaining("valid#on0");
	}

	private void assertStartupFails(Class<?> listener, String beanName, String method, String problem) {
		assertStartupFails(Map.of(), listener, beanName, method, problem);
	}

	private void assertStartupFails(Map<String, Object> properties, Class<?> listener, String beanName, String method,
			String problem) {
		AnnotationConfigApplicationContext context = EtcdWatchContexts.create(NO_ETCD, "", properties, listener);
		assertThatException().isThrownBy(context::refresh)
			.havingRootCause()
			.withMessageStartingWith(
					"Invalid @EtcdWatch on method '" + EtcdWatchValidationTests.class.getName() + "$" + method)
			.withMessageContaining("' of bean '" + beanName + "': ")
			.withMessageContaining(problem);
	}

	record Feature(String name) {
	}

	@Component("emptyKey")
	static class EmptyKey {

		@EtcdWatch
		void on(String value) {
		}

	}

	@Component("unresolvedPlaceholder")
	static class UnresolvedPlaceholder {

		@EtcdWatch("${missing.key}")
		void on(String value) {
		}

	}

	@Component("blankPlaceholder")
	static class BlankPlaceholder {

		@EtcdWatch("${blank.key}")
		void on(String value) {
		}

	}

	@Component("primitiveParameter")
	static class PrimitiveParameter {

		@EtcdWatch("/k")
		void on(int count) {
		}

	}

	@Component("conflictingValues")
	static class ConflictingValues {

		@EtcdWatch("/k")
		void on(@EtcdValue String text, @EtcdValue Feature feature) {
		}

	}

	@Component("ambiguousValues")
	static class AmbiguousValues {

		@EtcdWatch("/k")
		void on(String first, String second) {
		}

	}

	@Component("keyNotString")
	static class KeyNotString {

		@EtcdWatch("/k")
		void on(@EtcdKey Integer key) {
		}

	}

	@Component("revisionNotLong")
	static class RevisionNotLong {

		@EtcdWatch("/k")
		void on(@EtcdRevision String revision) {
		}

	}

	@Component("genericValue")
	static class GenericValue {

		@EtcdWatch("/k")
		void on(List<String> values) {
		}

	}

	@Component("noEvents")
	static class NoEvents {

		@EtcdWatch(key = "/k", events = {})
		void on() {
		}

	}

	@Component("initialWithoutPuts")
	static class InitialWithoutPuts {

		@EtcdWatch(key = "/k", initial = true, events = WatchEvent.Type.DELETE)
		void on() {
		}

	}

	@Component("badAutoStartup")
	static class BadAutoStartup {

		@EtcdWatch(key = "/k", autoStartup = "maybe")
		void on() {
		}

	}

	@Component("duplicateIds")
	static class DuplicateIds {

		@EtcdWatch(key = "/a", id = "same")
		void one() {
		}

		@EtcdWatch(key = "/b", id = "same")
		void two() {
		}

	}

	@Component("unknownFactory")
	static class UnknownFactory {

		@EtcdWatch(key = "/k", containerFactory = "missingFactory")
		void on(String value) {
		}

	}

	@Component("valid")
	static class Valid {

		@EtcdWatch("/k")
		void on(String value) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableEtcdWatch
	static class ClientOnlyConfiguration {

		@Bean(destroyMethod = "close")
		EtcdClient etcdClient() {
			return TestTransport.builder().endpoints(NO_ETCD).build();
		}

	}

}
