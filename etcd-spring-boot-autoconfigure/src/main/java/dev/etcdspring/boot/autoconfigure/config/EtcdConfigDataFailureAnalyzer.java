package dev.etcdspring.boot.autoconfigure.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a failed {@code etcd:} import in terms of {@code spring.config.import} and the
 * {@code etcd.*} properties.
 */
class EtcdConfigDataFailureAnalyzer extends AbstractFailureAnalyzer<EtcdConfigDataException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EtcdConfigDataException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
