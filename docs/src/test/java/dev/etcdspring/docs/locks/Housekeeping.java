package dev.etcdspring.docs.locks;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.kv.DeleteRequest;
import dev.etcdspring.client.kv.Txn;
import dev.etcdspring.client.kv.TxnOp;
import dev.etcdspring.client.leader.EtcdLeaderContext;
import dev.etcdspring.client.leader.EtcdLeaderGrantedEvent;
import dev.etcdspring.client.leader.EtcdLeaderRevokedEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The README's leader events example; {@link HousekeepingTests} runs it.
 */
// tag::leader-events[]
@Component
class Housekeeping {

	private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

	private volatile @Nullable EtcdLeaderContext leadership;

	@EventListener
	void granted(EtcdLeaderGrantedEvent event) {
		log.info("{} leads {}", event.getValue(), event.getName());
		this.leadership = event.getContext();
	}

	// yielded, stopped, or the lease was lost
	@EventListener
	void revoked(EtcdLeaderRevokedEvent event) {
		log.info("{} no longer leads {}", event.getValue(), event.getName());
		this.leadership = null;
	}

	// leader-only work: etcd refuses it once leadership is lost, even before we notice
	boolean purgeTemporaryKeys(EtcdClient client) {
		EtcdLeaderContext current = this.leadership;
		if (current == null || !current.isLeader()) {
			return false;
		}
		Txn purge = Txn.when(current.leaderCondition()).then(TxnOp.delete(DeleteRequest.prefix("/tmp/")));
		return client.kv().txn(purge).succeeded();
	}

	void handOver() {
		EtcdLeaderContext current = this.leadership;
		if (current != null) {
			current.yieldLeadership(); // resign; campaign again after a second
		}
	}

}
// end::leader-events[]
