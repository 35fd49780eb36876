package dev.etcdspring.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every {@code java} block of README.md shows the tagged region of a source of this
 * module, so that what the README teaches compiles and (in the other tests of this
 * module) runs.
 * <p>
 * Maintainers change an example in its source and copy it into README.md with
 * {@code -Dreadme.update=true} (see {@link ReadmeSnippets#UPDATE_COMMAND}): the test then
 * rewrites the blocks it can and fails only for problems it cannot fix itself.
 */
class ReadmeSnippetsTests {

	@Test
	void readmeShouldShowTheSources() throws IOException {
		Path root = repositoryRoot();
		Path readme = root.resolve("README.md");
		ReadmeSnippets snippets = ReadmeSnippets.read(root, readme);
		List<String> problems = snippets.problems();
		if (Boolean.getBoolean("readme.update")) {
			String updated = snippets.updated();
			if (!updated.equals(Files.readString(readme, StandardCharsets.UTF_8))) {
				Files.writeString(readme, updated, StandardCharsets.UTF_8);
			}
			problems = ReadmeSnippets.read(root, readme).problems();
		}
		if (!problems.isEmpty()) {
			fail(problems.size() + " problem(s) with the java blocks of " + readme + ":\n\n"
					+ String.join("\n\n", problems));
		}
	}

	@Test
	void checkShouldFindABlockWithoutMarker(@TempDir Path root) throws IOException {
		Path readme = write(root, "README.md", "Text\n\n```java\nint a = 1;\n```\n");
		assertThat(ReadmeSnippets.read(root, readme).problems()).singleElement()
			.asString()
			.startsWith("README.md:3: this ```java block has no snippet marker");
	}

	@Test
	void checkShouldFindAMarkerNamingAMissingFileOrTag(@TempDir Path root) throws IOException {
		write(root, "src/A.java", "// tag::a[]\nint a = 1;\n// end::a[]\n");
		Path readme = write(root, "README.md", """
				<!-- snippet: src/B.java#a -->
				```java
				int a = 1;
				```
				<!-- snippet: src/A.java#b -->
				```java
				int a = 1;
				```
				""");
		assertThat(ReadmeSnippets.read(root, readme).problems()).satisfiesExactly(
				(problem) -> assertThat(problem).contains("README.md:2:", "names src/B.java, which does not exist"),
				(problem) -> assertThat(problem).contains("README.md:6:", "names tag 'b'", "// tag::b[]"));
	}

	@Test
	void checkShouldFindAChangedLineAndShowTheSource(@TempDir Path root) throws IOException {
		write(root, "src/A.java", "class A {\n\t// tag::a[]\n\tvoid a() {\n\t\tint a = 1;\n\t}\n\t// end::a[]\n}\n");
		Path readme = write(root, "README.md",
				"<!-- snippet: src/A.java#a -->\n```java\nvoid a() {\n    int a = 2;\n}\n```\n");
		ReadmeSnippets snippets = ReadmeSnippets.read(root, readme);
		assertThat(snippets.problems()).singleElement()
			.asString()
			.contains("README.md:2: this ```java block is not the code of src/A.java#a (first difference in line 4)")
			.contains(ReadmeSnippets.UPDATE_COMMAND)
			.endsWith("Expected:\n```java\nvoid a() {\n    int a = 1;\n}\n```");
		assertThat(snippets.updated())
			.isEqualTo("<!-- snippet: src/A.java#a -->\n```java\nvoid a() {\n    int a = 1;\n}\n```\n");
	}

	@Test
	void checkShouldIgnoreTrailingWhitespaceAndOtherBlocks(@TempDir Path root) throws IOException {
		write(root, "src/A.java", "// tag::a[]\nint a = 1;   \n// end::a[]\n");
		Path readme = write(root, "README.md",
				"```xml\n<a/>\n```\n<!-- snippet: src/A.java#a -->\n```java\nint a = 1;\n```\n");
		assertThat(ReadmeSnippets.read(root, readme).problems()).isEmpty();
	}

	@Test
	void checkShouldFindAMarkerWithoutBlock(@TempDir Path root) throws IOException {
		write(root, "src/A.java", "// tag::a[]\nint a = 1;\n// end::a[]\n");
		Path readme = write(root, "README.md", "<!-- snippet: src/A.java#a -->\n\n```java\nint a = 1;\n```\n");
		assertThat(ReadmeSnippets.read(root, readme).problems()).satisfiesExactly(
				(problem) -> assertThat(problem).startsWith("README.md:1: this snippet marker is not on the line"),
				(problem) -> assertThat(problem).startsWith("README.md:3: this ```java block has no snippet marker"));
	}

	/**
	 * The directory above this module (its {@code basedir}, which Maven's Surefire sets,
	 * else the working directory) that holds README.md and this module.
	 */
	private static Path repositoryRoot() {
		Path start = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
		for (Path dir = start; dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("docs/pom.xml"))) {
				return dir;
			}
		}
		throw new IllegalStateException("No README.md next to docs/pom.xml in " + start + " or above");
	}

	private static Path write(Path root, String name, String text) throws IOException {
		Path file = root.resolve(name);
		Files.createDirectories(file.getParent());
		return Files.writeString(file, text, StandardCharsets.UTF_8);
	}

}
