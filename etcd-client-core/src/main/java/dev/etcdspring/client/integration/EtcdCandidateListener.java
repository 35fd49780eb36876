package dev.etcdspring.client.integration;

import dev.etcdspring.client.leader.EtcdLeaderContext;
import dev.etcdspring.client.leader.EtcdLeaderInitiator;
import dev.etcdspring.client.leader.EtcdLeaderListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.event.LeaderEventPublisher;

/**
 * Drives a Spring Integration {@link Candidate} from an {@link EtcdLeaderInitiator}, as
 * Spring Integration's own {@code LockRegistryLeaderInitiator} and ZooKeeper
 * {@code LeaderInitiator} do: the candidate is told {@code onGranted}/{@code onRevoked}
 * with a {@link Context} whose {@code isLeader()} reflects etcd and whose {@code yield()}
 * resigns, and, with a {@link LeaderEventPublisher}, {@code OnGrantedEvent} and
 * {@code OnRevokedEvent} are published for the candidate's role (what
 * {@code SmartLifecycleRoleController} starts and stops endpoints by). <pre class="code">
 * EtcdLeaderInitiator initiator = new EtcdLeaderInitiator(client, "/elections/" + candidate.getRole());
 * EtcdCandidateListener listener = new EtcdCandidateListener(candidate);
 * listener.setLeaderEventPublisher(new DefaultLeaderEventPublisher(applicationEventPublisher));
 * initiator.addListener(listener);
 * </pre>
 *
 * @since 0.1.0
 */
public final class EtcdCandidateListener implements EtcdLeaderListener {

	private static final Log logger = LogFactory.getLog(EtcdCandidateListener.class);

	private final Candidate candidate;

	private volatile @Nullable LeaderEventPublisher leaderEventPublisher;

	/**
	 * Create a listener for the given candidate.
	 * @param candidate the candidate to tell of leadership
	 * @since 0.1.0
	 */
	public EtcdCandidateListener(Candidate candidate) {
		if (candidate == null) {
			throw new IllegalArgumentException("Candidate must not be null");
		}
		this.candidate = candidate;
	}

	/**
	 * Publish Spring Integration's leader events through the given publisher, such as a
	 * {@code DefaultLeaderEventPublisher}.
	 * @param leaderEventPublisher the publisher
	 * @since 0.1.0
	 */
	public void setLeaderEventPublisher(LeaderEventPublisher leaderEventPublisher) {
		this.leaderEventPublisher = leaderEventPublisher;
	}

	/**
	 * Return the candidate this listener tells.
	 * @return the candidate
	 * @since 0.1.0
	 */
	public Candidate getCandidate() {
		return this.candidate;
	}

	@Override
	public void onGranted(EtcdLeaderContext context) {
		CandidateContext candidateContext = new CandidateContext(context);
		try {
			this.candidate.onGranted(candidateContext);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		LeaderEventPublisher publisher = this.leaderEventPublisher;
		if (publisher != null) {
			try {
				publisher.publishOnGranted(context.getInitiator(), candidateContext, this.candidate.getRole());
			}
			catch (RuntimeException ex) {
				logger.warn("Error publishing OnGrantedEvent for role '" + this.candidate.getRole() + "'", ex);
			}
		}
	}

	@Override
	public void onRevoked(EtcdLeaderContext context) {
		CandidateContext candidateContext = new CandidateContext(context);
		this.candidate.onRevoked(candidateContext);
		LeaderEventPublisher publisher = this.leaderEventPublisher;
		if (publisher != null) {
			try {
				publisher.publishOnRevoked(context.getInitiator(), candidateContext, this.candidate.getRole());
			}
			catch (RuntimeException ex) {
				logger.warn("Error publishing OnRevokedEvent for role '" + this.candidate.getRole() + "'", ex);
			}
		}
	}

	@Override
	public String toString() {
		return "EtcdCandidateListener[role=" + this.candidate.getRole() + ", id=" + this.candidate.getId() + "]";
	}

	/** Spring Integration's view of the etcd leadership. */
	private final class CandidateContext implements Context {

		private final EtcdLeaderContext context;

		CandidateContext(EtcdLeaderContext context) {
			this.context = context;
		}

		@Override
		public boolean isLeader() {
			return this.context.isLeader();
		}

		@Override
		public void yield() {
			this.context.yieldLeadership();
		}

		@Override
		public String getRole() {
			return EtcdCandidateListener.this.candidate.getRole();
		}

		@Override
		public String toString() {
			return "EtcdContext{role=" + getRole() + ", id=" + EtcdCandidateListener.this.candidate.getId()
					+ ", election=" + this.context.getName() + ", isLeader=" + isLeader() + "}";
		}

	}

}
