package dev.etcdspring.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.etcdspring.client.annotation.EtcdWatch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which packages the watch-listener packages may use, read from the compiled classes
 * (every type a class refers to is named in its constant pool, whatever the source says):
 * {@code annotation} depends on {@code listener}, never the other way round, and neither
 * reaches into the transport or an {@code internal} package.
 */
class PackageDependencyTests {

	private static final Pattern REFERENCE = Pattern.compile("dev/etcdspring/client/((?:[a-z]+/)*)[A-Z]");

	@Test
	void listenerShouldUseOnlyTemplateAndThePublicWatchKvAndExceptionPackages() {
		assertThat(referencedPackages("listener")).contains("template")
			.isSubsetOf("listener", "template", "watch", "kv", "exception");
	}

	@Test
	void annotationShouldUseListenerAndNothingBelowTheTemplate() {
		assertThat(referencedPackages("annotation")).contains("listener")
			.isSubsetOf("annotation", "listener", "template", "watch", "kv", "exception");
	}

	/** The packages under dev.etcdspring.client that the classes of one of them use. */
	private static Set<String> referencedPackages(String pkg) {
		Path classes = classesDirectory().resolve("dev/etcdspring/client").resolve(pkg);
		Set<String> used = new TreeSet<>();
		try (Stream<Path> files = Files.list(classes)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".class")).toList()) {
				// constant pool strings are (modified) UTF-8; type names are ASCII
				Matcher matcher = REFERENCE.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
				while (matcher.find()) {
					String name = matcher.group(1);
					used.add(name.isEmpty() ? "(dev.etcdspring.client)" : name.substring(0, name.length() - 1));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return used;
	}

	private static Path classesDirectory() {
		try {
			return Path.of(EtcdWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
