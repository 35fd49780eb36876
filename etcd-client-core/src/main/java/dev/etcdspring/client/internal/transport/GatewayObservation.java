package dev.etcdspring.client.internal.transport;

import java.util.function.Supplier;

import dev.etcdspring.client.exception.EtcdException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Wraps each call in a Micrometer {@link Observation} named {@value #NAME}, tagged with
 * the operation and its outcome. With Spring Boot's metrics this becomes a timer; with
 * tracing, a span. With no registry it costs next to nothing.
 */
final class GatewayObservation {

	static final String NAME = "etcd.client.requests";

	private final ObservationRegistry registry;

	GatewayObservation(ObservationRegistry registry) {
		this.registry = registry;
	}

	<T> T observe(String path, Supplier<T> call) {
		if (this.registry.isNoop()) {
			return call.get();
		}
		Observation observation = Observation.createNotStarted(NAME, this.registry)
			.contextualName("etcd " + path)
			.lowCardinalityKeyValue("etcd.operation", path.replace('/', '.'))
			.start();
		try {
			T result = call.get();
			observation.lowCardinalityKeyValue("outcome", "SUCCESS");
			return result;
		}
		catch (EtcdException ex) {
			observation.lowCardinalityKeyValue("outcome", ex.getClass().getSimpleName());
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

}
