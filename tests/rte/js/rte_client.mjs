// Drives the RTE hub with the official Microsoft SignalR JavaScript client, unchanged,
// the way an Enreach integration does: discovery → authuser → token → HubConnectionBuilder.
//
//   node rte_client.mjs <emulator base URL> <email> <password> <tenant id>
//
// Prints one JSON object with what happened; tests/rte/test_real_client_js.py asserts on it.
import signalR from "@microsoft/signalr";

const [base, email, password, tenant] = process.argv.slice(2);
const report = { steps: [] };
const step = (name, detail) => report.steps.push(detail === undefined ? name : { [name]: detail });

async function json(url, options = {}) {
  const reply = await fetch(url, options);
  const body = await reply.json();          // every EnreachAPI answer has a JSON body, errors too
  if (!reply.ok) throw new Error(`${reply.status} ${JSON.stringify(body)}`);
  return body;
}

async function main() {
  const [{ apiEndpoint }] = await json(`${base}/api/user?user=${encodeURIComponent(email)}`);
  const { UserID, SecretKey } = await json(`${apiEndpoint}authuser/${email}/`, {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ UserName: email, Password: password }),
  });
  const auth = { Authorization: "Basic " + Buffer.from(`${email}:${SecretKey}`).toString("base64"),
                 "X-Json-Serializer": "2" };
  const queues = await json(`${apiEndpoint}queues/?OnlyForUser=${UserID}`, { headers: auth });
  let tokens = 0;
  const getToken = async () => { tokens += 1; return json(`${apiEndpoint}token/${UserID}/rte/`, { headers: auth }); };
  const first = await getToken();
  const hubUrl = "http://" + first.WSSEndpoint;
  step("wssEndpoint", first.WSSEndpoint);

  const connection = new signalR.HubConnectionBuilder()
    .withUrl(hubUrl, { accessTokenFactory: async () => (await getToken()).Token })
    .configureLogging(signalR.LogLevel.Error)
    .build();

  const messages = [];
  let waiter = null;
  connection.on("MessageReceived", (message) => {
    messages.push(message);
    if (waiter && waiter.until === message.subscription.eventName) { waiter.resolve(); waiter = null; }
  });
  const waitFor = (until) => new Promise((resolve, reject) => {
    waiter = { until, resolve };
    setTimeout(() => reject(new Error(`no ${until} within 20 s`)), 20000).unref();
  });

  await connection.start();
  step("connected", connection.state);
  const available = await connection.invoke("AvailableSubscriptions");
  step("available", available.length);
  const queueId = queues[0].Id;
  const wanted = ["QueueCallInComing", "QueueCallInArrived", "QueueCallInUserAllocated",
                  "QueueCallInUserConnected", "QueueCallInDisconnected"];
  const subscribed = await connection.invoke("Subscribe", [
    ...wanted.map((EventName) => ({ EntityId: queueId, EventName })),
    { EntityId: UserID, EventName: "UserWrapUpStarted" },
  ]);
  step("subscribed", subscribed);

  const done = waitFor("queuecallindisconnected");
  await json(`${base}/_emulator/scenarios/run`, {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ tenant, name: "queue_call_answered_by_agent" }),
  });
  await done;
  step("messages", messages.map((m) => ({ subscription: m.subscription, eventType: m.data.eventType,
                                          callId: m.data.callId, userId: m.data.userId })));

  const unsubscribed = await connection.invoke("Unsubscribe",
    wanted.map((EventName) => ({ EntityId: queueId, EventName })));
  step("unsubscribed", unsubscribed);
  step("unsubscribeAll", await connection.invoke("UnsubscribeAll"));
  await connection.stop();
  step("stopped", connection.state);

  // reconnect: a full new start, with a fresh token from the factory
  await connection.start();
  step("reconnected", connection.state);
  step("availableAgain", (await connection.invoke("availablesubscriptions")).length);
  try {
    await connection.invoke("NoSuchMethod");
  } catch (error) {
    step("unknownMethod", error.message);
  }
  await connection.stop();
  step("tokens", tokens);

  // a bad token is refused with 401 at negotiate
  const refused = new signalR.HubConnectionBuilder()
    .withUrl(hubUrl, { accessTokenFactory: () => "not-a-valid-token" })
    .configureLogging(signalR.LogLevel.None)
    .build();
  try {
    await refused.start();
    step("badToken", "connected?!");
  } catch (error) {
    step("badToken", error.message);
  }

  // a client that skips negotiation goes straight to the WebSocket
  const direct = new signalR.HubConnectionBuilder()
    .withUrl(hubUrl, { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets,
                       accessTokenFactory: async () => (await getToken()).Token })
    .configureLogging(signalR.LogLevel.Error)
    .build();
  await direct.start();
  step("skipNegotiation", (await direct.invoke("AvailableSubscriptions")).length);
  await direct.stop();
}

main().then(
  () => { console.log(JSON.stringify({ ok: true, ...report })); process.exit(0); },
  (error) => { console.log(JSON.stringify({ ok: false, error: String(error && error.stack || error), ...report }));
               process.exit(1); },
);
