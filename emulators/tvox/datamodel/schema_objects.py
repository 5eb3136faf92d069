"""The document's object types ("Schema Types" > Objects), name for name.

Resolvers hand these types plain Python objects (see :mod:`.rows`) whose
attributes carry the GraphQL names; strawberry reads them by name.
"""
from __future__ import annotations

from typing import Optional

import strawberry

from .schema_enums import (
    AddressBookContactType, AddressBookMailType, AddressBookTelType, AddressBookWebType,
    ChannelDestinationType, ContactLookupType, ContactType, Context, MultiChannelType, PopupType, Status,
    TransferToType,
)
from .scalars import Time

@strawberry.type(description='The `AddressBookContact` type represents a single contact from an address-book')
class AddressBookContact:
    uuid: Optional[str] = strawberry.field(description='the `uuid` represents the uuid of an addressbook contact')
    fullName: Optional[str] = strawberry.field(
        description='the `fullName` represents the full name of an addressbook contact')
    name: Optional[str] = strawberry.field(description='the `name` represents the name of an addressbook contact')
    surname: Optional[str] = strawberry.field(
        description='the `surname` represents the surname of an addressbook contact')
    contactType: Optional[AddressBookContactType] = strawberry.field(
        description='the `contactType` represents the contact type of an addressbook contact')
    otherName: Optional[str] = strawberry.field(
        description='the `otherName` represents the other Name of an addressbook contact')
    organization: Optional[AddressBookContactBase] = strawberry.field(
        description='the `organization` represents the organization of an addressbook contact')
    department: Optional[str] = strawberry.field(
        description='the `department` represents the department of an addressbook contact')
    street: Optional[str] = strawberry.field(
        description='the `street` represents the street of an addressbook contact')
    city: Optional[str] = strawberry.field(description='the `city` represents the city of an addressbook contact')
    district: Optional[str] = strawberry.field(
        description='the `district` represents the district of an addressbook contact')
    cap: Optional[str] = strawberry.field(description='the `cap` represents the cap of an addressbook contact')
    country: Optional[str] = strawberry.field(
        description='the `country` represents the country of an addressbook contact')
    customerCode: Optional[str] = strawberry.field(
        description='the `customerCode` represents the customer code of an addressbook contact')
    category: Optional[str] = strawberry.field(
        description='the `category` represents the category of an addressbook contact')
    note: Optional[str] = strawberry.field(description='the `note` represents the note of an addressbook contact')
    vip: Optional[bool] = strawberry.field(description='the `vip` if the contact is vip one')
    nps: Optional[int] = strawberry.field(description='the `nps` represents the last nps vote entered by the contact')
    role: Optional[str] = strawberry.field(description='the `role` represents the role of an addressbook contact')
    tel: Optional[list[AddressBookTel]] = strawberry.field(
        description='the `tel` represents the tel of an addressbook contact')
    mail: Optional[list[AddressBookMail]] = strawberry.field(
        description='the `mail` represents the mail of an addressbook contact')
    web: Optional[list[AddressBookWeb]] = strawberry.field(
        description='the `web` represents the web of an addressbook contact')
    site: Optional[str] = strawberry.field(description='the `site` represents the site of an addressbook contact')
    custom_1: Optional[str] = strawberry.field(description='general purpouse custom field')
    custom_2: Optional[str] = strawberry.field(description='general purpouse custom field')
    custom_3: Optional[str] = strawberry.field(description='general purpouse custom field')
    custom_4: Optional[str] = strawberry.field(description='general purpouse custom field')
    custom_5: Optional[str] = strawberry.field(description='general purpouse custom field')
    custom_6: Optional[str] = strawberry.field(description='general purpouse custom field')
    custom_7: Optional[str] = strawberry.field(description='general purpouse custom field')
    custom_8: Optional[str] = strawberry.field(description='general purpouse custom field')
    custom_9: Optional[str] = strawberry.field(description='general purpouse custom field')
    custom_10: Optional[str] = strawberry.field(description='general purpouse custom field')


@strawberry.type(description=None)
class AddressBookContactBase:
    uuid: Optional[str] = strawberry.field(description='uuid of an addressbook contact')
    fullName: Optional[str] = strawberry.field(description='fullName of an addressbook contact')


@strawberry.type(description='The `AddressBookMail` type represents an adressbook contact email and its type')
class AddressBookMail:
    value: Optional[str] = strawberry.field(description='The `value` type represents an adressbook contact email')
    type: Optional[AddressBookMailType] = strawberry.field(
        description='The `type` type represents an adressbook contact email type')


@strawberry.type(
    description='The `AddressBookTel` type represents an adressbook contact telephone number and its type')
class AddressBookTel:
    value: Optional[str] = strawberry.field(
        description='The `value` type represents an adressbook contact telephone number')
    type: Optional[AddressBookTelType] = strawberry.field(
        description='The `type` type represents an adressbook contact telephone number type')


@strawberry.type(description='The `AddressBookWeb` type represents an adressbook contact web site and its type')
class AddressBookWeb:
    value: Optional[str] = strawberry.field(description='The `type` type represents an adressbook contact web')
    type: Optional[AddressBookWebType] = strawberry.field(
        description='The `type` type represents an adressbook contact web type')


@strawberry.type(description='The `CallResult` type represents call result data')
class CallResult:
    resultLevel1: Optional[str] = strawberry.field(description='1st level call result (exit code)')
    resultLevel2: Optional[str] = strawberry.field(description='2nd level call result (exit code)')
    note1: Optional[str] = strawberry.field(description='1st level call result (exit code) note')
    note2: Optional[str] = strawberry.field(description='2nd level call result (exit code) note')


@strawberry.type(description='The `CallTag` type represents call tagging data')
class CallTag:
    note1: Optional[str] = strawberry.field(description='1st call tagging note')
    note2: Optional[str] = strawberry.field(description='2nd call tagging note')


@strawberry.type(description='The `Contact` type represents contact data')
class Contact:
    id: Optional[str] = strawberry.field(description='Contact UUID')
    username: Optional[str] = strawberry.field(description='Contact username (if internal of type "USER")')
    value: Optional[str] = strawberry.field(description='Contact value (e.g. phone number)')
    type: Optional[ContactType] = strawberry.field(description='Contact type')
    lookupType: Optional[ContactLookupType] = strawberry.field(description='Contact lookup result type')


@strawberry.type(description='The `GenericFields` type represents generic fields data')
class GenericFields:
    generic1: Optional[str] = strawberry.field(description='Generic custom data 1')
    generic2: Optional[str] = strawberry.field(description='Generic custom data 2')
    generic3: Optional[str] = strawberry.field(description='Generic custom data 3')
    generic4: Optional[str] = strawberry.field(description='Generic custom data 4')
    generic5: Optional[str] = strawberry.field(description='Generic custom data 5')


@strawberry.type(
    description=(
            'The `InboundInteraction` type represents a single inbound interaction step (call, video call and chat).'))
class InboundInteraction:
    id: str = strawberry.field(description='Unique identifier')
    step: int = strawberry.field(
        description=(
                'Number of the interaction step. Each interaction can be composed of several steps (N), sorted from '
                'the most recent (0) to the oldest (N-1).'))
    user: Optional[str] = strawberry.field(description="User's username")
    exten: Optional[str] = strawberry.field(description="User's logged exten")
    SIPChannel: Optional[str] = strawberry.field(description='SIP channel identifier')
    skillset: Optional[str] = strawberry.field(description='Skillset code')
    cli: Optional[str] = strawberry.field(description='Caller Line Identification (Calling number)')
    dnis: Optional[str] = strawberry.field(description='Direct Number Information System (Called number)')
    startTime: Optional[Time] = strawberry.field(description='Start time')
    distributionTime: Optional[Time] = strawberry.field(description='Distribution time')
    status: Optional[Status] = strawberry.field(description='Status')
    transferedTo: Optional[TransferTo] = strawberry.field(
        description='Service or number to which the interaction was transferred')
    answerByUserTime: Optional[Time] = strawberry.field(description='Answer time by user')
    waitDurationOnUser: int = strawberry.field(description='Ringing time on user')
    durationOnUser: int = strawberry.field(description='Connection time with user')
    endTime: Optional[Time] = strawberry.field(description='End time')
    waitDuration: int = strawberry.field(description='Waiting duration time in IVR')
    totalDuration: int = strawberry.field(description='Total duration time in the system')
    service: Optional[str] = strawberry.field(description='Service code')
    popup: Optional[Popup] = strawberry.field(description='Popup')
    context: Optional[Context] = strawberry.field(description='Time context')
    SIPCallId: Optional[str] = strawberry.field(description='SIP call identifier (only for calls)')
    customer: Optional[str] = strawberry.field(description='Customer code')
    servicePriority: int = strawberry.field(description='Service priority')
    multiChannel: MultiChannel = strawberry.field(description='Multichannel')
    IVRLabel: Optional[str] = strawberry.field(description='IVR node label')
    interviewService: Optional[str] = strawberry.field(description='Interview (Survey) service code')
    smartrec: Optional[str] = strawberry.field(description='Recording file (only for calls)')
    data: Optional[str] = strawberry.field(description='Additional data')
    queueTime: Optional[Time] = strawberry.field(description='Queueing time')
    queueDuration: int = strawberry.field(description='Queueing duration time')
    wnrOnUserTime: Optional[Time] = strawberry.field(description='WNR (after interaction work) time')
    wnrDurationOnUser: int = strawberry.field(description='WNR (after interaction work) duration time')
    callResult: Optional[CallResult] = strawberry.field(description='Call result (exit code)')
    holdDuration: int = strawberry.field(description='Hold duration time on user')
    callTag: Optional[CallTag] = strawberry.field(description='Call tagging')
    channelDestination: Optional[ChannelDestinationType] = strawberry.field(
        description='Channel destination of transfer')
    sentiment: int = strawberry.field(description='Customer sentiment code')
    contact: Optional[Contact] = strawberry.field(description='Contact')
    censusResult: Optional[str] = strawberry.field(description='Contact censur result')
    abandonedCall: Optional[str] = strawberry.field(description='Linked abandoned call id')
    callbackCall: Optional[str] = strawberry.field(description='Linked callback call id')
    generic: Optional[GenericFields] = strawberry.field(description='Generic custom data')
    lastUpdateTime: Time = strawberry.field(description='Last update time')


@strawberry.type(description='The `MultiChannel` type represents multichannel data')
class MultiChannel:
    type: MultiChannelType = strawberry.field(description='Multichannel type')
    session: Optional[str] = strawberry.field(description='Multichannel session id')
    text: Optional[str] = strawberry.field(description='Multichannel additional data')
    description: Optional[str] = strawberry.field(description='Multichannel description')


@strawberry.type(description='The `OutboundInteraction` type represents a single outbound interaction step (call).')
class OutboundInteraction:
    id: str = strawberry.field(description='Unique identifier')
    step: int = strawberry.field(
        description=(
                'Number of the interaction step. Each interaction can be composed of several steps (N), sorted from '
                'the most recent (0) to the oldest (N-1).'))
    user: Optional[str] = strawberry.field(description="User's username")
    exten: Optional[str] = strawberry.field(description="User's logged exten")
    SIPChannel: Optional[str] = strawberry.field(description='SIP channel identifier')
    cli: Optional[str] = strawberry.field(description='Caller Line Identification (Calling number)')
    dnis: Optional[str] = strawberry.field(description='Direct Number Information System (Called number)')
    startTime: Optional[Time] = strawberry.field(description='Start time')
    distributionTime: Optional[Time] = strawberry.field(description='Distribution time')
    status: Optional[Status] = strawberry.field(description='Status')
    transferedTo: Optional[str] = strawberry.field(
        description='Service or number to which the interaction was transferred')
    answerByUserTime: Optional[Time] = strawberry.field(description='Answer time by user')
    waitDurationOnUser: int = strawberry.field(description='Ringing time on user')
    durationOnUser: int = strawberry.field(description='Connection time with user')
    endTime: Optional[Time] = strawberry.field(description='End time')
    waitDuration: int = strawberry.field(description='Waiting duration time in IVR')
    totalDuration: int = strawberry.field(description='Total duration time in the system')
    service: Optional[str] = strawberry.field(description='Service code')
    popup: Optional[Popup] = strawberry.field(description='Popup')
    context: Optional[Context] = strawberry.field(description='Time context')
    SIPCallId: Optional[str] = strawberry.field(description='SIP call identifier (only for calls)')
    customer: Optional[str] = strawberry.field(description='Customer code')
    servicePriority: int = strawberry.field(description='Service priority')
    multiChannel: MultiChannel = strawberry.field(description='Multichannel')
    IVRLabel: Optional[str] = strawberry.field(description='IVR node label')
    interviewService: Optional[str] = strawberry.field(description='Interview (Survey) service code')
    smartrec: Optional[str] = strawberry.field(description='Recording file (only for calls)')
    data: Optional[str] = strawberry.field(description='Additional data')
    queueTime: Optional[Time] = strawberry.field(description='Queueing time')
    queueDuration: int = strawberry.field(description='Queueing duration time')
    wnrOnUserTime: Optional[Time] = strawberry.field(description='WNR (after interaction work) time')
    wnrDurationOnUser: int = strawberry.field(description='WNR (after interaction work) duration time')
    callResult: Optional[CallResult] = strawberry.field(description='Call result (exit code)')
    holdDuration: int = strawberry.field(description='Hold duration time on user')
    callTag: Optional[CallTag] = strawberry.field(description='Call tagging')
    channelDestination: Optional[ChannelDestinationType] = strawberry.field(
        description='Channel destination of transfer')
    sentiment: int = strawberry.field(description='Customer sentiment code')
    contact: Optional[Contact] = strawberry.field(description='Contact')
    abandonedCall: Optional[str] = strawberry.field(description='Linked abandoned call id')
    callbackCall: Optional[str] = strawberry.field(description='Linked callback call id')
    generic: Optional[GenericFields] = strawberry.field(description='Generic custom data')
    lastUpdateTime: Time = strawberry.field(description='Last update time')


@strawberry.type(description='The `Popup` type represents popup data')
class Popup:
    type: PopupType = strawberry.field(description='Popup type (EXE or WEB)')
    result: Optional[str] = strawberry.field(description='Popup result')
    info: Optional[str] = strawberry.field(
        description=(
                'Additional information collected by IVR or third party applications. The individual information is '
                'separated by the special character "|".'))


@strawberry.type(description='The `ServiceDescription` type represents a service with its description')
class ServiceDescription:
    code: str = strawberry.field(description='service code')
    description: Optional[str] = strawberry.field(description='service description')


@strawberry.type(description='The `TransferTo` type represents transfer destination data')
class TransferTo:
    type: TransferToType = strawberry.field(description='Transfer destination type (service or number)')
    value: str = strawberry.field(description='Transfer destination value (service code or phone number)')
