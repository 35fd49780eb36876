package dev.etcdspring.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code java} code blocks of a Markdown file and the tagged source regions they must
 * show. A block follows a line {@code <!-- snippet: PATH#TAG -->}, where {@code PATH} is
 * relative to the repository root and the region lies between {@code // tag::TAG[]} and
 * {@code // end::TAG[]} in that file. Both sides are compared normalized: other tag lines
 * dropped, tabs as four spaces (GitHub would show a tab eight wide), common indentation
 * and trailing whitespace removed.
 */
final class ReadmeSnippets {

	static final String UPDATE_COMMAND = "mvn -q -B -pl docs -am verify -Dtest=ReadmeSnippetsTests "
			+ "-Dsurefire.failIfNoSpecifiedTests=false -Dreadme.update=true";

	private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*snippet:\\s*(\\S+?)#(\\S+)\\s*-->\\s*$");

	private static final Pattern FENCE = Pattern.compile("^(\\s{0,3})```\\s*(\\S*).*$");

	private static final Pattern TAG_LINE = Pattern.compile("^\\s*//\\s*(tag|end)::([^\\[]+)\\[]\\s*$");

	private final Path root;

	private final String readmeName;

	private final List<String> lines;

	private final List<Block> blocks = new ArrayList<>();

	private final List<String> problems = new ArrayList<>();

	private ReadmeSnippets(Path root, String readmeName, String readme) {
		this.root = root;
		this.readmeName = readmeName;
		this.lines = new ArrayList<>(Arrays.asList(readme.split("\n", -1)));
		parse();
	}

	/**
	 * Read {@code readme} and the sources its markers name, relative to {@code root}.
	 * @param root the repository root
	 * @param readme the Markdown file
	 * @return the blocks, checked
	 */
	static ReadmeSnippets read(Path root, Path readme) {
		try {
			return new ReadmeSnippets(root, root.relativize(readme).toString(),
					Files.readString(readme, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return what is wrong, one message per problem, each saying how to fix it.
	 * @return the problems, empty when every block shows its source
	 */
	List<String> problems() {
		return this.problems;
	}

	/**
	 * Return the Markdown with every block that has a source replaced by that source.
	 * @return the updated text
	 */
	String updated() {
		List<String> result = new ArrayList<>(this.lines);
		// from the last block on, so that earlier line numbers stay valid
		for (int i = this.blocks.size() - 1; i >= 0; i--) {
			Block block = this.blocks.get(i);
			if (block.expected != null) {
				List<String> code = block.expected.lines()
					.map((line) -> line.isEmpty() ? "" : block.indent + line)
					.toList();
				result.subList(block.firstCodeLine, block.closingFence).clear();
				result.addAll(block.firstCodeLine, code);
			}
		}
		return String.join("\n", result);
	}

	private void parse() {
		String pendingMarker = null;
		int markerLine = -1;
		for (int i = 0; i < this.lines.size(); i++) {
			String line = this.lines.get(i);
			Matcher fence = FENCE.matcher(line);
			if (fence.matches()) {
				int closing = closingFence(i);
				String marker = (markerLine == i - 1) ? pendingMarker : null;
				if (pendingMarker != null && marker == null) {
					orphanMarker(markerLine);
				}
				if (fence.group(2).equals("java")) {
					checkBlock(new Block(i, closing, fence.group(1)), marker);
				}
				else if (marker != null) {
					orphanMarker(markerLine);
				}
				pendingMarker = null;
				i = closing;
				continue;
			}
			Matcher marker = MARKER.matcher(line);
			if (marker.matches()) {
				if (pendingMarker != null) {
					orphanMarker(markerLine);
				}
				pendingMarker = marker.group(1) + "#" + marker.group(2);
				markerLine = i;
			}
		}
		if (pendingMarker != null) {
			orphanMarker(markerLine);
		}
	}

	private int closingFence(int opening) {
		for (int i = opening + 1; i < this.lines.size(); i++) {
			if (this.lines.get(i).strip().equals("```")) {
				return i;
			}
		}
		throw new IllegalStateException(this.readmeName + ":" + (opening + 1) + ": code block is never closed");
	}

	private void checkBlock(Block block, String marker) {
		this.blocks.add(block);
		String where = this.readmeName + ":" + (block.openingFence + 1) + ": ";
		if (marker == null) {
			this.problems.add(where + "this ```java block has no snippet marker. Put the code in a test source of the "
					+ "docs module between '// tag::NAME[]' and '// end::NAME[]' (so that the build compiles it), "
					+ "and write on the line before the block: <!-- snippet: docs/src/test/java/.../File.java#NAME -->");
			return;
		}
		String path = marker.substring(0, marker.indexOf('#'));
		String tag = marker.substring(marker.indexOf('#') + 1);
		Path source = this.root.resolve(path).normalize();
		if (!source.startsWith(this.root) || !Files.isRegularFile(source)) {
			this.problems.add(where + "the snippet marker names " + path + ", which does not exist. Give the path of "
					+ "the source from the repository root, such as docs/src/test/java/dev/etcdspring/docs/...");
			return;
		}
		List<String> region = region(source, tag);
		if (region == null) {
			this.problems.add(where + "the snippet marker names tag '" + tag + "', but " + path + " has no region "
					+ "between a line '// tag::" + tag + "[]' and a line '// end::" + tag + "[]'. Add them, or fix "
					+ "the marker.");
			return;
		}
		block.expected = normalize(region);
		String actual = normalize(this.lines.subList(block.firstCodeLine, block.closingFence));
		if (!actual.equals(block.expected)) {
			this.problems.add(where + "this ```java block is not the code of " + marker + " (first difference in "
					+ "line " + (block.firstCodeLine + 1 + firstDifference(actual, block.expected)) + ").\n"
					+ "The sources are what the build compiles and runs: change the example there, then copy it "
					+ "into README.md by hand or with\n    " + UPDATE_COMMAND + "\nExpected:\n```java\n"
					+ block.expected + "\n```");
		}
	}

	private void orphanMarker(int line) {
		this.problems.add(this.readmeName + ":" + (line + 1) + ": this snippet marker is not on the line right before "
				+ "a ```java block. Move it there, or remove it.");
	}

	private static List<String> region(Path source, String tag) {
		List<String> lines;
		try {
			lines = Files.readAllLines(source, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int start = -1;
		for (int i = 0; i < lines.size(); i++) {
			Matcher tagLine = TAG_LINE.matcher(lines.get(i));
			if (tagLine.matches() && tagLine.group(2).equals(tag)) {
				if (tagLine.group(1).equals("tag") && start < 0) {
					start = i + 1;
				}
				else if (tagLine.group(1).equals("end") && start >= 0) {
					return lines.subList(start, i)
						.stream()
						.filter((line) -> !TAG_LINE.matcher(line).matches())
						.toList();
				}
			}
		}
		return null;
	}

	/**
	 * Tabs as four spaces, trailing whitespace, leading and trailing blank lines and the
	 * common indentation removed.
	 */
	static String normalize(List<String> lines) {
		List<String> result = new ArrayList<>(
				lines.stream().map((line) -> line.replace("\t", "    ").stripTrailing()).toList());
		while (!result.isEmpty() && result.get(0).isEmpty()) {
			result.remove(0);
		}
		while (!result.isEmpty() && result.get(result.size() - 1).isEmpty()) {
			result.remove(result.size() - 1);
		}
		int indent = result.stream()
			.filter((line) -> !line.isEmpty())
			.mapToInt((line) -> line.length() - line.stripLeading().length())
			.min()
			.orElse(0);
		return String.join("\n",
				result.stream().map((line) -> line.isEmpty() ? line : line.substring(indent)).toList());
	}

	private static int firstDifference(String actual, String expected) {
		List<String> a = actual.lines().toList();
		List<String> e = expected.lines().toList();
		int i = 0;
		while (i < a.size() && i < e.size() && a.get(i).equals(e.get(i))) {
			i++;
		}
		return i;
	}

	/**
	 * A fenced {@code java} block: line indexes of its fences and, once its source is
	 * read, the code it must show.
	 */
	private static final class Block {

		final int openingFence;

		final int firstCodeLine;

		final int closingFence;

		final String indent;

		String expected;

		Block(int openingFence, int closingFence, String indent) {
			this.openingFence = openingFence;
			this.firstCodeLine = openingFence + 1;
			this.closingFence = closingFence;
			this.indent = indent;
		}

	}

}
