"""The document's input types ("Schema Types" > Inputs), name for name.

Every field is optional and unset by default (no default value shows in
introspection); :func:`given` tells a value from an absent one.
"""
from __future__ import annotations

from typing import Any, Optional

import strawberry
from strawberry import UNSET

from .schema_enums import (
    AddressBookContactType, AddressBookMailType, AddressBookTelType, AddressBookWebType,
    ChannelDestinationType, ComparisonNumberOperator, ComparisonStringOperator, ComparisonTimeOperator,
    ContactLookupType, ContactType, Context, PopupType, SortDirection, SortKeyAddressBookContact,
    SortKeyInboundInteraction, Status, Step, TransferToType,
)
from .scalars import Time


def given(value: Any) -> bool:
    return value is not None and value is not UNSET

@strawberry.input(description='The `ComparisonDuration` type represents comparison between duration values.')
class ComparisonDuration:
    operator: Optional[ComparisonTimeOperator] = strawberry.field(default=UNSET,
        description='Operator to compare duration values')
    value: Optional[int] = strawberry.field(default=UNSET, description='Duration value to compare')
    valueLeft: Optional[int] = strawberry.field(default=UNSET,
        description='Duration value used as left term in bynary comparison')
    valueRight: Optional[int] = strawberry.field(default=UNSET,
        description='Duration value used as right term in bynary comparison')


@strawberry.input(description='The `ComparisonNumber` type represents comparison between string values.')
class ComparisonNumber:
    operator: Optional[ComparisonNumberOperator] = strawberry.field(default=UNSET,
        description='Operator to compare string values')
    value: Optional[list[int]] = strawberry.field(default=UNSET, description='List of string values to compare')


@strawberry.input(description='The `ComparisonString` type represents comparison between string values.')
class ComparisonString:
    operator: Optional[ComparisonStringOperator] = strawberry.field(default=UNSET,
        description='Operator to compare string values')
    value: Optional[list[str]] = strawberry.field(default=UNSET, description='List of string values to compare')
    regexp: Optional[str] = strawberry.field(default=UNSET, description='Regular expression to match')


@strawberry.input(description='The `ComparisonTime` type represents comparison between time values.')
class ComparisonTime:
    operator: Optional[ComparisonTimeOperator] = strawberry.field(default=UNSET,
        description='Operator to compare time values')
    value: Optional[Time] = strawberry.field(default=UNSET, description='Time value to compare')
    valueLeft: Optional[Time] = strawberry.field(default=UNSET,
        description='Time value used as left term in bynary comparison')
    valueRight: Optional[Time] = strawberry.field(default=UNSET,
        description='Time value used as right term in bynary comparison')


@strawberry.input(description='The `Pagination` type represents pagination.')
class Pagination:
    limit: Optional[int] = strawberry.field(default=UNSET, description='Maximum number of element to retrieve')
    offset: Optional[int] = strawberry.field(default=UNSET,
        description='Offset of the first element to retrieve (starting from 0)')


@strawberry.input(description='The `SearchAddressBookContact` type represents a single contact from an addressbook')
class SearchAddressBookContact:
    pagination: Optional[Pagination] = strawberry.field(default=UNSET, description='Pagination (limit and offset)')
    sorting: Optional[SortingAddressBookContact] = strawberry.field(default=UNSET,
        description='Sorting field and order')
    uuid: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='the `uuid` represents the uuid of an addressbook contact')
    fullName: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='the `fullName` represents the full name of an addressbook contact')
    name: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='the `name` represents the name of an addressbook contact')
    surname: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='the `surname` represents the surname of an addressbook contact')
    contactType: Optional[list[AddressBookContactType]] = strawberry.field(default=UNSET,
        description='the `contactType` represents the contact type of an addressbook contact')
    otherName: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='the `otherName` represents the other Name of an addressbook contact')
    organization: Optional[SearchAddressBookContactBase] = strawberry.field(default=UNSET,
        description=(
                'the `organization` represents the organization of an addressbook contact, if the contact itself is '
                'not an organization'))
    department: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='the `department` represents the department of an addressbook contact')
    street: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='the `street` represents the street of an addressbook contact')
    city: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='the `city` represents the city of an addressbook contact')
    district: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='the `district` represents the district of an addressbook contact')
    cap: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='the `cap` represents the cap of an addressbook contact')
    country: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='the `country` represents the country of an addressbook contact')
    customerCode: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='the `customerCode` represents the customer code of an addressbook contact')
    category: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='the `category` represents the category of an addressbook contact')
    note: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='the `note` represents the note of an addressbook contact')
    vip: Optional[bool] = strawberry.field(default=UNSET, description='the `vip` if the contact is vip one')
    nps: Optional[ComparisonNumber] = strawberry.field(default=UNSET,
        description='the `nps` represents the last nps vote entered by the contact')
    role: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='the `role` represents the role of an addressbook contact')
    tel: Optional[SearchAddressBookTel] = strawberry.field(default=UNSET,
        description='the `tel` represents the tel of an addressbook contact')
    mail: Optional[SearchAddressBookMail] = strawberry.field(default=UNSET,
        description='the `mail` represents the mail of an addressbook contact')
    web: Optional[SearchAddressBookWeb] = strawberry.field(default=UNSET,
        description='the `web` represents the web of an addressbook contact')
    site: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='the `site` represents the site of an addressbook contact')
    custom_1: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='general purpouse custom field')
    custom_2: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='general purpouse custom field')
    custom_3: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='general purpouse custom field')
    custom_4: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='general purpouse custom field')
    custom_5: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='general purpouse custom field')
    custom_6: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='general purpouse custom field')
    custom_7: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='general purpouse custom field')
    custom_8: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='general purpouse custom field')
    custom_9: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='general purpouse custom field')
    custom_10: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='general purpouse custom field')


@strawberry.input(
    description=(
            'The `SearchAddressBookContactBase` type represents a base search parameter on an address book contact'))
class SearchAddressBookContactBase:
    uuid: Optional[ComparisonString] = strawberry.field(default=UNSET, description='uuid of an addressbook contact')
    fullName: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='fullName of an addressbook contact')


@strawberry.input(
    description='The `SearchAddressBookMail` type represents a search parameter on an address book contact email')
class SearchAddressBookMail:
    value: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='The `value` type represents an adressbook contact email')
    type: Optional[list[AddressBookMailType]] = strawberry.field(default=UNSET,
        description='The `type` type represents an adressbook contact email type')


@strawberry.input(
    description='The `SearchAddressBookTel` type represents a search parameter on an address book contact telephone')
class SearchAddressBookTel:
    value: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='The `value` type represents an adressbook contact telephone number')
    type: Optional[list[AddressBookTelType]] = strawberry.field(default=UNSET,
        description='The `type` type represents an adressbook contact telephone number type')


@strawberry.input(
    description='The `SearchAddressBookWeb` type represents a search parameter on an address book contact web')
class SearchAddressBookWeb:
    value: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='The `type` type represents an adressbook contact web')
    type: Optional[list[AddressBookWebType]] = strawberry.field(default=UNSET,
        description='The `type` type represents an adressbook contact web type')


@strawberry.input(description='The `SearchCallResult` type represents search criteria for call result.')
class SearchCallResult:
    resultLevel1: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for call result (level 1)')
    resultLevel2: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for call result (level 2)')
    note1: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for call result note (level 1)')
    note2: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for call result note (level 2)')


@strawberry.input(description='The `SearchCallTag` type represents search criteria for call tag.')
class SearchCallTag:
    note1: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for call tag note 1')
    note2: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for call tag note 2')


@strawberry.input(description='The `SearchContact` type represents search criteria for contact.')
class SearchContact:
    id: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for contact id')
    username: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for contact username')
    value: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for contact value')
    type: Optional[list[ContactType]] = strawberry.field(default=UNSET, description='List of contact types to search')
    lookupType: Optional[list[ContactLookupType]] = strawberry.field(default=UNSET,
        description='List of contact lookup types to search')


@strawberry.input(description='The `SearchGenericFields` type represents search criteria for generic fields.')
class SearchGenericFields:
    generic1: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for generic field 1')
    generic2: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for generic field 2')
    generic3: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for generic field 3')
    generic4: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for generic field 4')
    generic5: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for generic field 5')


@strawberry.input(
    description=(
            'The `SearchInteraction` type represents search criterias for interactions (calls, video calls and '
            'chats).'))
class SearchInteraction:
    year: Optional[int] = strawberry.field(default=UNSET, description='Year in which to search interactions')
    month: Optional[int] = strawberry.field(default=UNSET, description='Month in which to search interactions')
    pagination: Optional[Pagination] = strawberry.field(default=UNSET, description='Pagination (limit and offset)')
    sorting: Optional[SortingInboundInteraction] = strawberry.field(default=UNSET,
        description='Sorting (key and direction)')
    id: Optional[ComparisonString] = strawberry.field(default=UNSET, description='String values comparison for id')
    step: Optional[Step] = strawberry.field(default=UNSET, description='Interaction step to retrieve (last or all)')
    user: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for user')
    exten: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for exten')
    SIPChannel: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for SIP channel')
    skillset: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for skillset')
    cli: Optional[ComparisonString] = strawberry.field(default=UNSET, description='String values comparison for cli')
    dnis: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for dnis')
    startTime: Optional[ComparisonTime] = strawberry.field(default=UNSET,
        description=(
                'Time values comparison for start time. The comparison is applied on year, month and day, not taking '
                'into account hours, minutes and seconds.'))
    distributionTime: Optional[ComparisonTime] = strawberry.field(default=UNSET,
        description=(
                'Time values comparison for distribution time The comparison is applied on year, month and day, not '
                'taking into account hours, minutes and seconds.'))
    status: Optional[list[Status]] = strawberry.field(default=UNSET, description='List of statuses to search')
    transferedTo: Optional[SearchTransferTo] = strawberry.field(default=UNSET,
        description='Search criteria for transfer destination')
    answerByUserTime: Optional[ComparisonTime] = strawberry.field(default=UNSET,
        description=(
                'Time values comparison for answer by user time The comparison is applied on year, month and day, not'
                ' taking into account hours, minutes and seconds.'))
    waitDurationOnUser: Optional[ComparisonDuration] = strawberry.field(default=UNSET,
        description='Duration values comparison for wait duration on user')
    durationOnUser: Optional[ComparisonDuration] = strawberry.field(default=UNSET,
        description='Duration values comparison for duration on user')
    endTime: Optional[ComparisonTime] = strawberry.field(default=UNSET,
        description=(
                'Time values comparison for end time The comparison is applied on year, month and day, not taking '
                'into account hours, minutes and seconds.'))
    waitDuration: Optional[ComparisonDuration] = strawberry.field(default=UNSET,
        description='Duration values comparison for wait duration')
    totalDuration: Optional[ComparisonDuration] = strawberry.field(default=UNSET,
        description='Duration values comparison for total duration')
    service: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for service')
    popup: Optional[SearchPopup] = strawberry.field(default=UNSET, description='Search criteria for popup')
    context: Optional[list[Context]] = strawberry.field(default=UNSET, description='List of contexts to search')
    SIPCallId: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for SIP call id')
    customer: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for customer')
    servicePriority: Optional[list[int]] = strawberry.field(default=UNSET,
        description='List of service priorities (integers) to search')
    multiChannel: Optional[SearchMultiChannel] = strawberry.field(default=UNSET,
        description='Search criteria for multichannel')
    IVRLabel: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for IVR label')
    interviewService: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for interview service')
    smartrec: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for smartrec')
    data: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for data')
    queueTime: Optional[ComparisonTime] = strawberry.field(default=UNSET,
        description=(
                'Time values comparison for queue time The comparison is applied on year, month and day, not taking '
                'into account hours, minutes and seconds.'))
    queueDuration: Optional[ComparisonDuration] = strawberry.field(default=UNSET,
        description='Duration values comparison for queue duration')
    wnrOnUserTime: Optional[ComparisonTime] = strawberry.field(default=UNSET,
        description=(
                'Time values comparison for wnr (after interaction work) on user time The comparison is applied on '
                'year, month and day, not taking into account hours, minutes and seconds.'))
    wnrDurationOnUser: Optional[ComparisonDuration] = strawberry.field(default=UNSET,
        description='Duration values comparison for wnr (after interaction work) duration on user')
    callResult: Optional[SearchCallResult] = strawberry.field(default=UNSET,
        description='Search criteria for call result')
    holdDuration: Optional[ComparisonDuration] = strawberry.field(default=UNSET,
        description='Duration values comparison for hold duration')
    callTag: Optional[SearchCallTag] = strawberry.field(default=UNSET, description='Search criteria for call tag')
    channelDestination: Optional[list[ChannelDestinationType]] = strawberry.field(default=UNSET,
        description='List of channel destination types to search')
    sentiment: Optional[list[int]] = strawberry.field(default=UNSET,
        description='List of sentiment values (integers) to search')
    contact: Optional[SearchContact] = strawberry.field(default=UNSET, description='Search criteria for contact')
    censusResult: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for census result')
    abandonedCall: Optional[bool] = strawberry.field(default=UNSET, description='Has or not a linked abandoned call')
    callbackCall: Optional[bool] = strawberry.field(default=UNSET, description='Has or not a linked callback call')
    generic: Optional[SearchGenericFields] = strawberry.field(default=UNSET,
        description='Search criteria for generic fields')
    lastUpdateTime: Optional[ComparisonTime] = strawberry.field(default=UNSET,
        description='Time values comparison for last update time')


@strawberry.input(description='The `SearchMultiChannel` type represents search criteria for multichannel.')
class SearchMultiChannel:
    session: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for multichannel session')
    text: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for multichannel text')
    description: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for multichannel description')


@strawberry.input(
    description='The `SearchOutboundInteraction` type represents search criterias for outbound interactions (calls).')
class SearchOutboundInteraction:
    year: Optional[int] = strawberry.field(default=UNSET, description='Year in which to search interactions')
    month: Optional[int] = strawberry.field(default=UNSET, description='Month in which to search interactions')
    pagination: Optional[Pagination] = strawberry.field(default=UNSET, description='Pagination (limit and offset)')
    sorting: Optional[SortingInboundInteraction] = strawberry.field(default=UNSET,
        description='Sorting (key and direction)')
    id: Optional[ComparisonString] = strawberry.field(default=UNSET, description='String values comparison for id')
    step: Optional[Step] = strawberry.field(default=UNSET, description='Interaction step to retrieve (last or all)')
    user: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for user')
    exten: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for exten')
    SIPChannel: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for SIP channel')
    cli: Optional[ComparisonString] = strawberry.field(default=UNSET, description='String values comparison for cli')
    dnis: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for dnis')
    startTime: Optional[ComparisonTime] = strawberry.field(default=UNSET,
        description=(
                'Time values comparison for start time. The comparison is applied on year, month and day, not taking '
                'into account hours, minutes and seconds.'))
    distributionTime: Optional[ComparisonTime] = strawberry.field(default=UNSET,
        description=(
                'Time values comparison for distribution time The comparison is applied on year, month and day, not '
                'taking into account hours, minutes and seconds.'))
    status: Optional[list[Status]] = strawberry.field(default=UNSET, description='List of statuses to search')
    transferedTo: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='Search criteria for transfer destination (service code or phone number)')
    answerByUserTime: Optional[ComparisonTime] = strawberry.field(default=UNSET,
        description=(
                'Time values comparison for answer by user time The comparison is applied on year, month and day, not'
                ' taking into account hours, minutes and seconds.'))
    waitDurationOnUser: Optional[ComparisonDuration] = strawberry.field(default=UNSET,
        description='Duration values comparison for wait duration on user')
    durationOnUser: Optional[ComparisonDuration] = strawberry.field(default=UNSET,
        description='Duration values comparison for duration on user')
    endTime: Optional[ComparisonTime] = strawberry.field(default=UNSET,
        description=(
                'Time values comparison for end time The comparison is applied on year, month and day, not taking '
                'into account hours, minutes and seconds.'))
    waitDuration: Optional[ComparisonDuration] = strawberry.field(default=UNSET,
        description='Duration values comparison for wait duration')
    totalDuration: Optional[ComparisonDuration] = strawberry.field(default=UNSET,
        description='Duration values comparison for total duration')
    service: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for service')
    popup: Optional[SearchPopup] = strawberry.field(default=UNSET, description='Search criteria for popup')
    context: Optional[list[Context]] = strawberry.field(default=UNSET, description='List of contexts to search')
    SIPCallId: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for SIP call id')
    customer: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for customer')
    servicePriority: Optional[list[int]] = strawberry.field(default=UNSET,
        description='List of service priorities (integers) to search')
    multiChannel: Optional[SearchMultiChannel] = strawberry.field(default=UNSET,
        description='Search criteria for multichannel')
    IVRLabel: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for IVR label')
    interviewService: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for interview service')
    smartrec: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for smartrec')
    data: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for data')
    queueTime: Optional[ComparisonTime] = strawberry.field(default=UNSET,
        description=(
                'Time values comparison for queue time The comparison is applied on year, month and day, not taking '
                'into account hours, minutes and seconds.'))
    queueDuration: Optional[ComparisonDuration] = strawberry.field(default=UNSET,
        description='Duration values comparison for queue duration')
    wnrOnUserTime: Optional[ComparisonTime] = strawberry.field(default=UNSET,
        description=(
                'Time values comparison for wnr (after interaction work) on user time The comparison is applied on '
                'year, month and day, not taking into account hours, minutes and seconds.'))
    wnrDurationOnUser: Optional[ComparisonDuration] = strawberry.field(default=UNSET,
        description='Duration values comparison for wnr (after interaction work) duration on user')
    callResult: Optional[SearchCallResult] = strawberry.field(default=UNSET,
        description='Search criteria for call result')
    holdDuration: Optional[ComparisonDuration] = strawberry.field(default=UNSET,
        description='Duration values comparison for hold duration')
    callTag: Optional[SearchCallTag] = strawberry.field(default=UNSET, description='Search criteria for call tag')
    channelDestination: Optional[list[ChannelDestinationType]] = strawberry.field(default=UNSET,
        description='List of channel destination types to search')
    sentiment: Optional[list[int]] = strawberry.field(default=UNSET,
        description='List of sentiment values (integers) to search')
    contact: Optional[SearchContact] = strawberry.field(default=UNSET, description='Search criteria for contact')
    abandonedCall: Optional[bool] = strawberry.field(default=UNSET, description='Has or not a linked abandoned call')
    callbackCall: Optional[bool] = strawberry.field(default=UNSET, description='Has or not a linked callback call')
    generic: Optional[SearchGenericFields] = strawberry.field(default=UNSET,
        description='Search criteria for generic fields')
    lastUpdateTime: Optional[ComparisonTime] = strawberry.field(default=UNSET,
        description='Time values comparison for last update time')


@strawberry.input(description='The `SearchPopup` type represents search criteria for popup.')
class SearchPopup:
    type: Optional[list[PopupType]] = strawberry.field(default=UNSET, description='List of popup types to search')
    result: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for popup result')
    info: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for popup info')


@strawberry.input(description='The `SearchTransferTo` type represents search criteria for transfer destination.')
class SearchTransferTo:
    type: Optional[list[TransferToType]] = strawberry.field(default=UNSET,
        description='List of transfer destination types to search')
    value: Optional[ComparisonString] = strawberry.field(default=UNSET,
        description='String values comparison for value')


@strawberry.input(description=None)
class SortingAddressBookContact:
    key: Optional[SortKeyAddressBookContact] = strawberry.field(default=UNSET,
        description='Key for sorting inbound interactions')
    direction: Optional[SortDirection] = strawberry.field(default=UNSET,
        description='Direction for sorting inbound interactions')


@strawberry.input(
    description=(
            'The `SortingInboundInteraction` type represents sorting for inbound interactions (calls, video calls and'
            ' chats).'))
class SortingInboundInteraction:
    key: Optional[SortKeyInboundInteraction] = strawberry.field(default=UNSET,
        description='Key for sorting inbound interactions')
    direction: Optional[SortDirection] = strawberry.field(default=UNSET,
        description='Direction for sorting inbound interactions')
