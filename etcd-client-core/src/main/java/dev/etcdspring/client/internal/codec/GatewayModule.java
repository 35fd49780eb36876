package dev.etcdspring.client.internal.codec;

import dev.etcdspring.client.cluster.EndpointStatus;
import dev.etcdspring.client.cluster.Member;
import dev.etcdspring.client.kv.DeleteRequest;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeResponse;
import dev.etcdspring.client.kv.ResponseHeader;
import dev.etcdspring.client.kv.Txn;
import dev.etcdspring.client.kv.TxnOp;
import dev.etcdspring.client.maintenance.Alarm;
import dev.etcdspring.client.maintenance.MemberHash;
import dev.etcdspring.client.watch.WatchEvent;
import tools.jackson.core.Version;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.module.SimpleDeserializers;

/**
 * Registers the hand-written readers of the gateway's answers on {@link GatewayJson}'s
 * mapper. The public model carries no mapping annotations: how the gateway spells a field
 * is known here alone.
 */
final class GatewayModule extends JacksonModule {

	@Override
	public String getModuleName() {
		return "etcd-gateway";
	}

	@Override
	public Version version() {
		return Version.unknownVersion();
	}

	@Override
	public void setupModule(SetupContext context) {
		// new readers for each mapper: a reader keeps the deserializers it resolved for
		// its nested messages, and those belong to one mapper
		SimpleDeserializers readers = new SimpleDeserializers();
		readers.addDeserializer(ResponseHeader.class, new ResponseHeaderReader());
		readers.addDeserializer(KeyValue.class, new KeyValueReader());
		readers.addDeserializer(RangeResponse.class, new RangeResponseReader());
		readers.addDeserializer(PutRequest.Response.class, new PutResponseReader());
		readers.addDeserializer(DeleteRequest.Response.class, new TxnResponseReaders.DeleteReader());
		readers.addDeserializer(Txn.Response.class, new TxnResponseReaders.ResponseReader());
		readers.addDeserializer(TxnOp.Result.class, new TxnResponseReaders.ResultReader());
		readers.addDeserializer(WatchStreamMessage.class, new WatchMessageReaders.MessageReader());
		readers.addDeserializer(WatchStreamMessage.Result.class, new WatchMessageReaders.ResultReader());
		readers.addDeserializer(WatchEvent.class, new WatchMessageReaders.EventReader());
		readers.addDeserializer(Member.class, new ClusterReaders.MemberReader());
		readers.addDeserializer(EndpointStatus.class, new ClusterReaders.StatusReader());
		readers.addDeserializer(Alarm.class, new MaintenanceReaders.AlarmReader());
		readers.addDeserializer(MemberHash.class, new MaintenanceReaders.HashReader());
		context.addDeserializers(readers);
	}

}
