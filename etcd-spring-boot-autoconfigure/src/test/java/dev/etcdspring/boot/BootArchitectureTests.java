package dev.etcdspring.boot;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's own architecture rules, applied to ours: the Boot module uses the client
 * only through its public API, auto-configurations are {@code public final}, and
 * post-processor beans are {@code static} so that declaring them does not create their
 * configuration class early.
 */
class BootArchitectureTests {

	private static final JavaClasses bootClasses = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.etcdspring.boot");

	private static final JavaClasses allClasses = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.etcdspring");

	@Test
	void bootShouldUseOnlyThePublicApiOfTheClient() {
		check(noClasses().should().dependOnClassesThat().resideInAPackage("dev.etcdspring.client.internal.."),
				bootClasses);
	}

	@Test
	void packagesShouldBeFreeOfCycles() {
		check(slices().matching("dev.etcdspring.boot.(**)").should().beFreeOfCycles(), bootClasses);
	}

	@Test
	void autoConfigurationsShouldBePublicAndFinal() {
		check(classes().that()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.bePublic()
			.andShould()
			.haveModifier(JavaModifier.FINAL), bootClasses);
	}

	@Test
	void postProcessorBeanMethodsShouldBeStatic() {
		check(methods().that(arePostProcessorBeanMethods()).should().beStatic(), allClasses);
	}

	@Test
	void autoConfigurationsShouldAllBeListedInTheImportsFile() throws IOException {
		ClassPathResource imports = new ClassPathResource(
				"META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
		List<String> listed = imports.getContentAsString(StandardCharsets.UTF_8)
			.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		List<String> declared = bootClasses.stream()
			.filter((type) -> type.isAnnotatedWith(AutoConfiguration.class))
			.map(JavaClass::getName)
			.toList();
		assertThat(listed).containsExactlyInAnyOrderElementsOf(declared);
	}

	@Test
	void theRulesShouldSeeTheAutoConfigurations() {
		// a rule over no classes passes whatever it says
		assertThat(bootClasses.stream().filter((type) -> type.isAnnotatedWith(AutoConfiguration.class)))
			.hasSizeGreaterThanOrEqualTo(4);
		assertThat(
				allClasses.stream().flatMap((type) -> type.getMethods().stream()).filter(arePostProcessorBeanMethods()))
			.isNotEmpty();
		assertThat(Modifier.isFinal(
				bootClasses.get("dev.etcdspring.boot.autoconfigure.EtcdAutoConfiguration").reflect().getModifiers()))
			.isTrue();
	}

	private static DescribedPredicate<JavaMethod> arePostProcessorBeanMethods() {
		return DescribedPredicate.describe("are @Bean methods returning a post-processor",
				(method) -> method.isAnnotatedWith(Bean.class)
						&& (method.getRawReturnType().isAssignableTo(BeanPostProcessor.class)
								|| method.getRawReturnType().isAssignableTo(BeanFactoryPostProcessor.class)));
	}

	private static void check(ArchRule rule, JavaClasses classes) {
		rule.check(classes);
	}

}
