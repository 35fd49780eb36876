package dev.etcdspring.samples.app;

import dev.etcdspring.client.leader.EtcdLeaderGrantedEvent;
import dev.etcdspring.client.leader.EtcdLeaderRevokedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs when this instance leads the election {@code etcd.leader.name} and when it no
 * longer does ({@code etcd.leader.enabled=true} in application.yml): of several instances
 * started together, exactly one leads, and another takes over when it stops.
 */
@Component
class LeaderLogger {

	private static final Log logger = LogFactory.getLog(LeaderLogger.class);

	@EventListener
	void granted(EtcdLeaderGrantedEvent event) {
		logger.info("LEADER " + event.getValue() + " leads " + event.getName());
	}

	@EventListener
	void revoked(EtcdLeaderRevokedEvent event) {
		logger.info("LEADER " + event.getValue() + " no longer leads " + event.getName());
	}

}
