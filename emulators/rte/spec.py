"""The RTE catalogue as data: every subscribable event, its group, the kind of
entity it is subscribed on, its numeric ``eventType`` and its properties.

The properties are the document's tables (``enreach-rte.txt``, sections User,
Queue and CallList), in the document's order, with the document's types.
Ten more names come from real clients (FIELD-NOTES: ``UserSetting``,
``UserContactCard``, ``CallbackCreated``…); their properties are inferred and
marked ``documented=False``. Code that builds a message only ever fills the
properties listed here, so the wire carries exactly the catalogue.

Numeric ``eventType`` values: five are known from real clients
(UserAvailability 1, UserCallInComing 10, QueueCallInUserAllocated 102,
QueueStatus 140, UserStatus 141); the rest are assigned around them by group
(users 1-99, queues 100-139, call lists 200-299) and listed in FIDELITY.md.
"""
from __future__ import annotations

from dataclasses import dataclass

from .dotnet import camel

USER, QUEUE, CALLLIST = "User", "Queue", "CallList"
ENTITY_OF_GROUP = {USER: "user", QUEUE: "queue", CALLLIST: "calllist"}


@dataclass(frozen=True, slots=True)
class Prop:
    name: str           # as the document spells it (PascalCase)
    type: str           # as the document types it: Guid, Guid?, string, DateTime, List<X>, …
    wire: str           # the camelCase name on the wire

    @property
    def nullable(self) -> bool:
        return self.type.endswith("?") or self.type.lower() == "string" or self.type.startswith("List<")

    @property
    def base(self) -> str:
        return self.type.rstrip("?")


@dataclass(frozen=True, slots=True)
class EventSpec:
    name: str
    group: str
    event_type: int
    props: tuple[Prop, ...]
    documented: bool = True

    @property
    def entity(self) -> str:
        """The kind of entity a subscription to this event names: user, queue or calllist."""
        return ENTITY_OF_GROUP[self.group]

    @property
    def key(self) -> str:
        return self.name.lower()


def _props(text: str) -> tuple[Prop, ...]:
    out = []
    for item in text.split():
        name, _, typ = item.partition(":")
        out.append(Prop(name, typ, camel(name)))
    return tuple(out)


_CALLBACK = ("AssignedUserId:Guid? CalculatedPriority:string CallbackAttempts:List<CallbackAttempt> "
             "CallbackExtras:List<CallbackExtra> CallBackId:Guid CallbackRelatedItems:List<CallbackRelatedItem> "
             "CallId:Guid? CallListId:Guid ChannelIn:string ClassificationId:Guid? ContactMessage:string "
             "ContactName:string ContactNumber:string CreationTime:DateTime DueDate:DateTime? ExpiryDate:DateTime? "
             "LastAttemptNote:string LastAttemptTimestamp:DateTime? LastAttemptTypeId:int? LastAttemptUserId:Guid? "
             "LastModifiedUserId:Guid? Modified:DateTime NotBefore:DateTime? Note:string OrganizationId:Guid "
             "RecordingId:Guid?")
_WRAP_UP = "CallId:Guid? OrganizationId:Guid QueueId:Guid? UserId:Guid WrapUpEnd:DateTime? WrapUpTime:int"

# (name, group, eventType, properties) — the document's events in its order
_DOCUMENTED: tuple[tuple[str, str, int, str], ...] = (
    ("UserActionMobileCall", USER, 7, "OrganizationId:Guid PhoneNumber:string UserId:Guid"),
    ("UserAlert", USER, 4, "AlertId:Guid ConditionExpression:string ConditionName:string "
                           "ConditionValue:string OrganizationId:Guid UserId:Guid Value:string"),
    ("UserAssistedCallbackRequest", USER, 51, "CallBackId:Guid CallbackRelatedItems:List<CallbackRelatedItem> "
                                              "CallEvent:string CallId:Guid CallListId:Guid CallType:string "
                                              "ContactNumber:string OrganizationId:Guid TargetUser:Guid"),
    ("UserAvailability", USER, 1, "Availability:string EndTime:DateTime EventSource:String Note:String "
                                  "OrganizationId:Guid ProfileId:Guid StartTime:DateTime UserId:Guid UserName:string"),
    ("UserCallbackChanged", USER, 50, _CALLBACK + " TargetUser:Guid TranscriptId:Guid? TypeId:short"),
    ("UserCallInArrived", USER, 11, "CallerNumber:string CallId:Guid LegId:string OrganizationId:Guid "
                                    "TargetNumber:string UserId:Guid UserName:string"),
    ("UserCallInComing", USER, 10, "CallerNumber:string CallId:Guid LegId:string OrganizationId:Guid "
                                   "TargetNumber:string UserId:Guid Username:string"),
    ("UserCallInDisconnected", USER, 19, "CallerNumber:string CallId:Guid LegId:string OrganizationId:Guid "
                                         "Reason:string TargetNumber:string TechReason:string UserId:Guid "
                                         "Username:string"),
    ("UserCallInOverflow", USER, 15, "CallerNumber:string CallId:Guid ConnectedTarget:string LegId:string "
                                     "OrganizationId:Guid OverflowApplet:string TargetNumber:string "
                                     "TechEvent:string TechNumber:string TechQueueId:Guid TechQueueName:string "
                                     "TechSource:string UserId:Guid Username:string"),
    ("UserCallInTransferCancelled", USER, 18, "CallerNumber:string CallId:Guid DetailedReason:string "
                                              "LegId:string OrganizationId:Guid Reason:string TargetNumber:string "
                                              "TechQueueId:Guid TechQueueName:string TechSource:string "
                                              "TransferApplet:string UserId:Guid Username:string"),
    ("UserCallInTransferConnected", USER, 17, "CallerNumber:string CallId:Guid ConnectedTarget:string "
                                              "LegId:string OrganizationId:Guid TargetNumber:string "
                                              "TechQueueId:Guid TechQueueName:string TechSource:string "
                                              "TransferApplet:string TransferSource:string UserId:Guid "
                                              "Username:string"),
    ("UserCallInTransferStarted", USER, 16, "CallerNumber:string CallId:Guid LegId:string OrganizationId:Guid "
                                            "TargetNumber:string TechQueueId:Guid TechQueueName:string "
                                            "TechSource:string TransferApplet:string TransferSource:string "
                                            "TransferTarget:string UserId:Guid Username:string"),
    ("UserCallInUserAllocated", USER, 12, "CallerNumber:string CallId:Guid DetailedReason:string LegId:string "
                                          "OrganizationId:Guid TargetNumber:string UserId:Guid UserName:string "
                                          "UserNumber:string"),
    ("UserCallInUserCancelled", USER, 14, "CallerNumber:string CallId:Guid DetailedReason:string LegId:string "
                                          "OrganizationId:Guid Reason:string TargetNumber:string UserId:Guid "
                                          "UserName:string"),
    ("UserCallInUserConnected", USER, 13, "CallerNumber:string CallId:Guid LegId:string OrganizationId:Guid "
                                          "TargetNumber:string UserId:Guid UserName:string UserNumber:string"),
    ("UserCallInUserOverflow", USER, 20, "CallerNumber:string CallId:Guid LegId:string OrganizationId:Guid "
                                         "Reason:string Target:string TargetNumber:string UserId:Guid "
                                         "Username:string"),
    ("UserCallOutConnected", USER, 31, "CallerNumber:string CallId:Guid LegId:string OrganizationId:Guid "
                                       "TargetNumber:string UserId:Guid UserName:string"),
    ("UserCallOutDisconnected", USER, 32, "CallerNumber:string CallId:Guid LegId:string OrganizationId:Guid "
                                          "Reason:string TargetNumber:string TechReason:string UserId:Guid "
                                          "UserName:string"),
    ("UserCallOutGoing", USER, 30, "CallerNumber:string CallId:Guid LegId:string OrganizationId:Guid "
                                   "TargetNumber:string UserId:Guid UserName:string"),
    ("UserConfigurationSetNextCLI", USER, 8, "Number:string OrganizationId:Guid Permanent:bool TimeToLive:int "
                                             "UserId:Guid"),
    ("UserMissedCallNotification", USER, 40, "CallerName:string CallerNumber:string CallId:Guid?"),
    ("UserQueueAlert", USER, 5, "QueueId:Guid QueueName:string"),
    ("UserStatus", USER, 141, "ActiveQueues:int Available:bool CanBeAllocatedTo:bool OrganizationId:Guid "
                              "ParkedCalls:int Schedule:bool ServiceTerminals:int Serving:bool "
                              "ServingCallback:bool Talking:bool UserId:Guid WrapUpEnd:DateTime?"),
    ("UserVoiceMailNotification", USER, 41, "CalledNumber:string CallId:Guid? EmailTranscript:bool"),
    ("QueueAttachedUsers", QUEUE, 120, "AttachedUsers:List<QueueAttachedUser> OrganizationId:Guid QueueId:Guid"),
    ("QueueCallInArrived", QUEUE, 101, "CallerNumber:string CallId:Guid LegId:string OrganizationId:Guid "
                                       "QueueId:Guid QueueName:string QueueNumber:string TargetNumber:string"),
    ("QueueCallInComing", QUEUE, 100, "CallerNumber:string CallId:Guid LegId:string OrganizationId:Guid "
                                      "QueueId:Guid QueueName:string QueueNumber:string TargetNumber:string"),
    ("QueueCallInDisconnected", QUEUE, 109, "CallerNumber:string CallId:Guid LegId:string OrganizationId:Guid "
                                            "QueueId:Guid QueueName:string Reason:string TargetNumber:string "
                                            "TechReason:string"),
    ("QueueCallInOverflow", QUEUE, 105, "CallerNumber:string CallId:Guid LegId:string OrganizationId:Guid "
                                        "OverflowApplet:string QueueId:Guid QueueName:string TargetNumber:string "
                                        "TechEvent:string TechNumber:string TechQueueId:Guid TechQueueName:string "
                                        "TechSource:string"),
    ("QueueCallInTransferCancelled", QUEUE, 108, "CallerNumber:string CallId:Guid DetailedReason:string "
                                                 "LegId:string OrganizationId:Guid QueueId:Guid QueueName:string "
                                                 "Reason:string TargetNumber:string TechQueueId:Guid "
                                                 "TechQueueName:string TechSource:string TransferApplet:string"),
    ("QueueCallInTransferConnected", QUEUE, 107, "CallerNumber:string CallId:Guid ConnectedTarget:string "
                                                 "LegId:string OrganizationId:Guid QueueId:Guid QueueName:string "
                                                 "TargetNumber:string TechQueueId:Guid TechQueueName:string "
                                                 "TechSource:string TransferApplet:string"),
    ("QueueCallInTransferStarted", QUEUE, 106, "CallerNumber:string CallId:Guid LegId:string OrganizationId:Guid "
                                               "QueueId:Guid QueueName:string TargetNumber:string TechQueueId:Guid "
                                               "TechQueueName:string TechType:string TransferApplet:string "
                                               "TransferSource:string TransferTarget:string"),
    ("QueueCallInUserAllocated", QUEUE, 102, "CallerNumber:string CallId:Guid DetailedReason:string LegId:string "
                                             "OrganizationId:Guid QueueId:Guid QueueName:string QueueNumber:string "
                                             "TargetNumber:string UserId:Guid UserName:string"),
    ("QueueCallInUserCancelled", QUEUE, 104, "CallerNumber:string CallId:Guid DetailedReason:string LegId:string "
                                             "OrganizationId:Guid QueueId:Guid QueueName:string QueueNumber:string "
                                             "Reason:string TargetNumber:string UserId:Guid UserName:string"),
    ("QueueCallInUserConnected", QUEUE, 103, "CallerNumber:string CallId:Guid LegId:string OrganizationId:Guid "
                                             "QueueId:Guid QueueName:string QueueNumber:string TargetNumber:string "
                                             "UserId:Guid UserName:string UserNumber:string"),
    ("QueueStatus", QUEUE, 140, "MaxWaitTime:long NbrOfAgentsCheckedInQueue:int NbrOfAgentsImmediatelyFree:int "
                                "NbrOfAgentsLongTermAway:int NbrOfAgentsOnWrapUp:int NbrOfAgentsShortTermAway:int "
                                "NbrOfAllocated:int NbrOfConnected:int NbrOfNotServedRequesters:int "
                                "NbrOfProviders:int NbrOfQueuingRequesters:int NbrOfRequesters:int "
                                "NbrOfServingAgentsEstimate:int OpenStatus:int OrganizationId:Guid QueueId:Guid "
                                "QueueName:string"),
    ("CallbackChanged", CALLLIST, 203, _CALLBACK + " TranscriptId:Guid? TypeId:short"),
    ("CallbackListStatus", CALLLIST, 204, "CallListId:Guid ExpiresIn24h:int IsAutoAllocate:bool "
                                          "NextHourOverDueDate:int NextHourRevealedNotBefore:int "
                                          "OrganizationId:Guid TotalActiveAgents:int TotalAssigned:int "
                                          "TotalAutoAllocateAgents:int TotalFreeForAllocation:int "
                                          "TotalHidingNotBefore:int TotalOpenRequests:int TotalOverDueDate:int "
                                          "TotalServingAgents:int TotalServingAutoAllocateAgents:int"),
    ("CallbackRequestNotification", CALLLIST, 205, "CalledNumber:string CallerNumber:string CallId:Guid? "
                                                   "CBRId:Guid ContactMessage:string EmailAttach:bool? "
                                                   "EmailTo:string EmailTranscript:bool ListId:Guid? "
                                                   "RecordingId:Guid? RUser:Guid? SMSTo:string"),
    ("CallbackRequestReceivedNotification", CALLLIST, 206, "CalledNumber:string CallerNumber:string CallId:Guid? "
                                                           "CBRId:Guid ListId:Guid? RUser:Guid?"),
    ("CallListNotification", CALLLIST, 207, "AssignedUserId:Guid? CBRId:Guid ContactMessage:string "
                                            "ContactName:string ContactNumber:string ListId:Guid"),
)

# names real clients subscribe to that the document does not describe (FIELD-NOTES)
_FROM_CLIENTS: tuple[tuple[str, str, int, str], ...] = (
    ("UserSetting", USER, 2, "Name:string OrganizationId:Guid UserId:Guid Value:string"),
    ("UserContactCard", USER, 3, "Department:string Email:string FirstName:string LastName:string "
                                 "MobileNumber:string OrganizationId:Guid Title:string UserId:Guid "
                                 "UserName:string WorkNumber:string"),
    ("UserAction", USER, 6, "ActionType:string OrganizationId:Guid UserId:Guid Value:string"),
    ("UserWrapUpEnabled", USER, 60, _WRAP_UP),
    ("UserWrapUpStarted", USER, 61, _WRAP_UP),
    ("UserWrapUpTerminated", USER, 62, _WRAP_UP),
    ("UserWrapUpRequestTerminate", USER, 63, "OrganizationId:Guid UserId:Guid"),
    ("CallbackCreated", CALLLIST, 200, _CALLBACK + " TranscriptId:Guid? TypeId:short"),
    ("CallbackUpdated", CALLLIST, 201, _CALLBACK + " TranscriptId:Guid? TypeId:short"),
    ("CallbackClosed", CALLLIST, 202, _CALLBACK + " TranscriptId:Guid? TypeId:short"),
)

# the document's "Misc" helper types, used inside lists
HELPERS: dict[str, tuple[Prop, ...]] = {
    "QueueAttachedUser": _props("Active:bool Priority:int UserId:Guid"),
    "CallbackAttempt": _props("CallbackAttemptTypeId:int? Id:Guid Note:string Timestamp:DateTime? UserId:Guid?"),
    "CallbackExtra": _props("Id:int Name:string Value:string"),
    "CallbackRelatedItem": _props("Id:Guid IsClosed:bool ListId:Guid? StatusId:int?"),
}

EVENTS: dict[str, EventSpec] = {}
for _name, _group, _number, _text in _DOCUMENTED:
    EVENTS[_name.lower()] = EventSpec(_name, _group, _number, _props(_text), True)
for _name, _group, _number, _text in _FROM_CLIENTS:
    EVENTS[_name.lower()] = EventSpec(_name, _group, _number, _props(_text), False)

#: what ``AvailableSubscriptions`` answers: the document's names, then the clients' extras
EVENT_NAMES: tuple[str, ...] = tuple(spec.name for spec in EVENTS.values())
DOCUMENTED_NAMES: tuple[str, ...] = tuple(name for name, *_ in _DOCUMENTED)

assert len({s.event_type for s in EVENTS.values()}) == len(EVENTS), "eventType numbers must be unique"


def event(name: str) -> EventSpec | None:
    """The catalogue entry of an event name, matched case-insensitively (as the hub does)."""
    return EVENTS.get(name.lower()) if isinstance(name, str) else None


# -- hub methods -------------------------------------------------------------------------
SUBSCRIBE, UNSUBSCRIBE, UNSUBSCRIBE_ALL, AVAILABLE = (
    "Subscribe", "Unsubscribe", "UnsubscribeAll", "AvailableSubscriptions")
HUB_METHODS = (SUBSCRIBE, UNSUBSCRIBE, UNSUBSCRIBE_ALL, AVAILABLE)
#: the server-to-client target of every event push, exactly so cased (.NET and Python clients match exactly)
MESSAGE_RECEIVED = "MessageReceived"
#: what each method also pushes to its caller (real clients register handlers for these names)
DETAILS_TARGET = {SUBSCRIBE: "SubscribeDetails", UNSUBSCRIBE: "UnsubscribeDetails",
                  UNSUBSCRIBE_ALL: "UnsubscribeAllDetails", AVAILABLE: "AvailableSubscriptions"}
