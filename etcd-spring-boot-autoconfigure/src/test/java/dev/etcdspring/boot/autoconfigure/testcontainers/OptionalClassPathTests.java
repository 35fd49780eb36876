package dev.etcdspring.boot.autoconfigure.testcontainers;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Testcontainers and Docker Compose are optional: an application with only one of them
 * must still load the other's connection details factories, as Boot does, without failing
 * on ours. Each test loads the factories in a class loader whose class path lacks one of
 * the two.
 */
class OptionalClassPathTests {

	private static final String CONTAINER_FACTORY = EtcdContainerConnectionDetailsFactory.class.getName();

	private static final String COMPOSE_FACTORY = "dev.etcdspring.boot.autoconfigure.docker.compose.EtcdDockerComposeConnectionDetailsFactory";

	@Test
	void factoriesWhenTestcontainersIsMissingShouldStillLoadTheDockerComposeOne() throws Exception {
		Loaded loaded = loadFactories((jar) -> jar.contains("testcontainers"));
		assertThat(loaded.factories()).contains(COMPOSE_FACTORY).doesNotContain(CONTAINER_FACTORY);
		assertThat(loaded.failures()).anyMatch((failure) -> failure.contains(CONTAINER_FACTORY));
	}

	@Test
	void factoriesWhenDockerComposeIsMissingShouldStillLoadTheTestcontainersOne() throws Exception {
		Loaded loaded = loadFactories((jar) -> jar.contains("spring-boot-docker-compose"));
		assertThat(loaded.factories()).contains(CONTAINER_FACTORY).doesNotContain(COMPOSE_FACTORY);
		assertThat(loaded.failures()).anyMatch((failure) -> failure.contains(COMPOSE_FACTORY));
	}

	/**
	 * Do what Boot's {@code ConnectionDetailsFactories} does, in a class loader without
	 * the excluded jars: load every registered factory, skipping (and reporting) those
	 * that cannot be loaded.
	 */
	private Loaded loadFactories(Predicate<String> excludedJar) throws Exception {
		List<URL> urls = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			if (!excludedJar.test(new File(entry).getName())) {
				urls.add(toUrl(entry));
			}
		}
		List<String> failures = new ArrayList<>();
		try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
				ClassLoader.getPlatformClassLoader())) {
			Class<?> springFactoriesLoader = loader
				.loadClass("org.springframework.core.io.support.SpringFactoriesLoader");
			Class<?> failureHandler = loader
				.loadClass("org.springframework.core.io.support.SpringFactoriesLoader$FailureHandler");
			Class<?> factoryType = loader
				.loadClass("org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory");
			BiConsumer<Supplier<String>, Throwable> recordFailure = (message, ex) -> failures.add(message.get());
			Object handler = failureHandler.getMethod("handleMessage", BiConsumer.class).invoke(null, recordFailure);
			Object factoriesLoader = springFactoriesLoader.getMethod("forDefaultResourceLocation", ClassLoader.class)
				.invoke(null, loader);
			List<?> factories = (List<?>) springFactoriesLoader.getMethod("load", Class.class, failureHandler)
				.invoke(factoriesLoader, factoryType, handler);
			return new Loaded(factories.stream().map((factory) -> factory.getClass().getName()).toList(), failures);
		}
	}

	private static URL toUrl(String entry) {
		try {
			return new File(entry).toURI().toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Loaded(List<String> factories, List<String> failures) {

	}

}
