package dev.etcdspring.client;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the client, checked on its compiled classes: from the top,
 * {@code annotation} → {@code listener} → {@code template} → the client facade →
 * {@code kv}, {@code lease}, {@code watch}, {@code cluster} → {@code exception}; the
 * implementations sit in {@code internal}, under the facade and beside nothing public.
 * Each rule names what it keeps out, so that a violation reads as a sentence.
 */
class ArchitectureTests {

	private static final String ROOT = "dev.etcdspring.client";

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	@Test
	void packagesShouldBeFreeOfCycles() {
		check(slices().matching("dev.etcdspring.(**)").should().beFreeOfCycles());
	}

	@Test
	void transportShouldKnowNeitherKeysNorWatchesNorTemplates() {
		check(noClasses().that()
			.resideInAnyPackage(ROOT + ".transport..", ROOT + ".internal.transport..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(ROOT + ".kv..", ROOT + ".internal.kv..", ROOT + ".watch..", ROOT + ".internal.watch..",
					ROOT + ".template.."));
	}

	@Test
	void templateShouldNotKnowTheTransport() {
		check(noClasses().that()
			.resideInAPackage(ROOT + ".template..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(ROOT + ".transport..", ROOT + ".internal.."));
	}

	@Test
	void listenersShouldNotKnowTheAnnotations() {
		check(noClasses().that()
			.resideInAPackage(ROOT + ".listener..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(ROOT + ".annotation.."));
	}

	@Test
	void listenersShouldWatchThroughTheTemplateOnly() {
		check(noClasses().that()
			.resideInAnyPackage(ROOT + ".listener..", ROOT + ".annotation..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(ROOT + ".transport..", ROOT + ".internal..")
			.orShould()
			.dependOnClassesThat()
			.belongToAnyOf(EtcdClient.class, EtcdClientBuilder.class));
	}

	@Test
	void coreShouldKnowNothingOfSpringBoot() {
		check(noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework.boot.."));
	}

	@Test
	void publicApiShouldNotKnowTheCodec() {
		check(noClasses().that()
			.resideOutsideOfPackage(ROOT + ".internal..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(ROOT + ".internal.codec.."));
	}

	@Test
	void publicApiShouldNotCarryTheWireFormat() {
		// the template's value serializers are the one place users ask for JSON
		check(noClasses().that()
			.resideOutsideOfPackages(ROOT + ".internal..", ROOT + ".template..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("com.fasterxml.jackson..", "tools.jackson.."));
	}

	@Test
	void apisShouldNotKnowTheirImplementations() {
		// only the facade, which builds the client, reaches into internal: every other
		// package, today's and tomorrow's, stays on the public side
		check(noClasses().that()
			.resideOutsideOfPackages(ROOT, ROOT + ".internal..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(ROOT + ".internal.."));
	}

	@Test
	void onlyTheIntegrationPackageShouldKnowSpringIntegration() {
		// spring-integration-core is optional: no other class may need it to load
		check(noClasses().that()
			.resideOutsideOfPackage(ROOT + ".integration..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.integration..", "org.springframework.dao.."));
	}

	@Test
	void concurrencyShouldNotKnowSpring() {
		// locks and elections serve plain Java programs too; the leader package adapts
		// them
		check(noClasses().that()
			.resideInAPackage(ROOT + ".concurrency..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.context..", "org.springframework.integration.."));
	}

	private static void check(ArchRule rule) {
		rule.check(classes);
	}

}
