"""The document's enums ("Schema Types" > Enums), name for name.

Generated from the document and kept as code; each enum value's Python value
is its GraphQL name, so resolvers may return plain strings.
"""
from __future__ import annotations

from enum import Enum
import strawberry


@strawberry.enum(description='The `AddressBookContactType` enum represents the type of an address book contact')
class AddressBookContactType(Enum):
    USER = 'USER'
    CUSTOMER = 'CUSTOMER'
    ORGANIZATION = 'ORGANIZATION'


@strawberry.enum(description='The `AddressBookMailType` enum represents the type of an addressbook contact email')
class AddressBookMailType(Enum):
    WORK = strawberry.enum_value('WORK', description='Work mail type')
    HOME = strawberry.enum_value('HOME', description='Home mail type')


@strawberry.enum(
    description='The `AddressBookTelType` enum represents the type of an addressbook contact telephone number')
class AddressBookTelType(Enum):
    FAX = strawberry.enum_value('FAX', description='Fax telephone number type')
    HOME = strawberry.enum_value('HOME', description='Home telephone number type')
    CELL = strawberry.enum_value('CELL', description='Cell telephone number type')
    WORK = strawberry.enum_value('WORK', description='Work telephone number type')
    CELL_WORK = strawberry.enum_value('CELL_WORK', description='Cell_work telephone number type')
    FAX_WORK = strawberry.enum_value('FAX_WORK', description='Fax_work telephone number type')
    FAX_HOME = strawberry.enum_value('FAX_HOME', description='Fax_home telephone number type')
    CELL_HOME = strawberry.enum_value('CELL_HOME', description='Cell_home telephone number type')
    MAIN = strawberry.enum_value('MAIN', description='Main telephone number type')
    OTHER = strawberry.enum_value('OTHER', description='Other telephone number type')


@strawberry.enum(description='The `AddressBookWebType` enum represents the type of an addressbook contact web site')
class AddressBookWebType(Enum):
    WORK = strawberry.enum_value('WORK', description='Work web type')
    HOME = strawberry.enum_value('HOME', description='Home web type')


@strawberry.enum(description='The `AdvancedQueryType` enum represents the type of the advanced query')
class AdvancedQueryType(Enum):
    TVOX = strawberry.enum_value('TVOX', description='TVox type')
    ADDRESSBOOK = strawberry.enum_value('ADDRESSBOOK', description='Addressbook type')
    SUPPORT = strawberry.enum_value('SUPPORT', description='Support type')


@strawberry.enum(description='The `ChannelDestinationType` enum represents the channel destination type of transfer.')
class ChannelDestinationType(Enum):
    INTERNAL = strawberry.enum_value('INTERNAL', description='Internal')
    EXTERNAL = strawberry.enum_value('EXTERNAL', description='External')
    REMOTE = strawberry.enum_value('REMOTE', description='Remote')


@strawberry.enum(description='The `ComparisonNumberOperator` enum represents operator to compare number values.')
class ComparisonNumberOperator(Enum):
    NULL = strawberry.enum_value('NULL', description="Number value is 'null'.")
    EMPTY = strawberry.enum_value('EMPTY', description='Number value is empty.')
    NOT_NULL = strawberry.enum_value('NOT_NULL', description="Number value is not 'null'.")
    NOT_EMPTY = strawberry.enum_value('NOT_EMPTY', description='Number value is not empty.')
    EQUAL = strawberry.enum_value('EQUAL',
        description='Number value is equal to at least one value of list field "value" of "ComparisonNumber" type.')
    NOT_EQUAL = strawberry.enum_value('NOT_EQUAL',
        description=(
                'Number value is not equal to at least one value of list field "value" of "ComparisonNumber" type.'))
    CONTAIN = strawberry.enum_value('CONTAIN',
        description=(
                'Number value is contained into at least one value of list field "value" of "ComparisonNumber" type.'))
    GREATER_THAN = strawberry.enum_value('GREATER_THAN',
        description='Number value is greater than or equals to equal to field "value" of "ComparisonNumber" type.')
    LESSER_THAN = strawberry.enum_value('LESSER_THAN',
        description='Number value is lesser than or equals to equal to field "value" of "ComparisonNumber" type.')
    GREATER_EQUAL_THAN = strawberry.enum_value('GREATER_EQUAL_THAN',
        description=(
                'Number value is greater or equal than or equals to equal to field "value" of "ComparisonNumber" '
                'type.'))
    LESSER_EQUAL_THAN = strawberry.enum_value('LESSER_EQUAL_THAN',
        description='Number value is lesser than or equals to equal to field "value" of "ComparisonNumber" type.')
    BETWEEN = strawberry.enum_value('BETWEEN',
        description='Number value is between field "valueLeft" and field "valueRight" of "ComparisonNumber" type.')


@strawberry.enum(description='The `ComparisonStringOperator` enum represents operator to compare string values.')
class ComparisonStringOperator(Enum):
    NULL = strawberry.enum_value('NULL', description="String value is 'null'.")
    EMPTY = strawberry.enum_value('EMPTY', description='String value is empty.')
    NOT_NULL = strawberry.enum_value('NOT_NULL', description="String value is not 'null'.")
    NOT_EMPTY = strawberry.enum_value('NOT_EMPTY', description='String value is not empty.')
    EQUAL = strawberry.enum_value('EQUAL',
        description='String value is equal to at least one value of list field "value" of "ComparisonString" type.')
    NOT_EQUAL = strawberry.enum_value('NOT_EQUAL',
        description=(
                'String value is not equal to at least one value of list field "value" of "ComparisonString" type.'))
    CONTAIN = strawberry.enum_value('CONTAIN',
        description=(
                'String value is contained into at least one value of list field "value" of "ComparisonString" type.'))
    START_WITH = strawberry.enum_value('START_WITH',
        description=(
                'String value is the initial part of at least one value of list field "value" of "ComparisonString" '
                'type.'))
    END_WITH = strawberry.enum_value('END_WITH',
        description='String value is the end of at least one value of list field "value" of "ComparisonString" type.')
    REGEXP = strawberry.enum_value('REGEXP',
        description='String value matches the regular expression in field "regexp" of "ComparisonString" type.')


@strawberry.enum(description='The `ComparisonTimeOperator` enum represents operator to compare time values.')
class ComparisonTimeOperator(Enum):
    GREATER_THAN = strawberry.enum_value('GREATER_THAN',
        description='Time value is greater than or equals to equal to field "value" of "ComparisonTime" type.')
    LESSER_THAN = strawberry.enum_value('LESSER_THAN',
        description='Time value is lesser than or equals to equal to field "value" of "ComparisonTime" type.')
    BETWEEN = strawberry.enum_value('BETWEEN',
        description='Time value is between field "valueLeft" and field "valueRight" of "ComparisonTime" type.')


@strawberry.enum(description='The `ContactLookupType` enum represents contact lookup type.')
class ContactLookupType(Enum):
    SUCCESS = strawberry.enum_value('SUCCESS', description='Single contact lookup')
    MULTIPLE = strawberry.enum_value('MULTIPLE', description='Multiple contact lookup')
    NONE = strawberry.enum_value('NONE', description='No contact lookup')
    ERROR = strawberry.enum_value('ERROR', description='Error in contact lookup')


@strawberry.enum(description='The `ContactType` enum represents contact type.')
class ContactType(Enum):
    USER = strawberry.enum_value('USER', description='Internal user contact')
    SERVICE = strawberry.enum_value('SERVICE', description='Service contact')
    SHORT_NUMBER = strawberry.enum_value('SHORT_NUMBER', description='Short number contact')
    EXTERNAL_ITEM = strawberry.enum_value('EXTERNAL_ITEM', description='External contact')
    EXTERNAL_ORGANIZATION = strawberry.enum_value('EXTERNAL_ORGANIZATION',
        description='External organization contact')
    PERSONAL_ITEM = strawberry.enum_value('PERSONAL_ITEM', description='Personal contact')
    UNKNOWN = strawberry.enum_value('UNKNOWN', description='Unknown contact')
    ANONYMOUS = strawberry.enum_value('ANONYMOUS', description='Anonymous contact')


@strawberry.enum(description='The `Context` enum represents the time context of interaction.')
class Context(Enum):
    ACTIVE = strawberry.enum_value('ACTIVE', description='Active')
    OUT_OF_SERVICE = strawberry.enum_value('OUT_OF_SERVICE', description='Out of service')
    OUT_OF_CALENDAR = strawberry.enum_value('OUT_OF_CALENDAR', description='Out of calendar')
    CUSTOM_1 = strawberry.enum_value('CUSTOM_1', description='Custom context 1')
    CUSTOM_2 = strawberry.enum_value('CUSTOM_2', description='Custom context 2')
    CUSTOM_3 = strawberry.enum_value('CUSTOM_3', description='Custom context 3')
    CUSTOM_4 = strawberry.enum_value('CUSTOM_4', description='Custom context 4')
    CUSTOM_5 = strawberry.enum_value('CUSTOM_5', description='Custom context 5')


@strawberry.enum(description='The `MultiChannelType` enum represents multichannel type.')
class MultiChannelType(Enum):
    CALL = strawberry.enum_value('CALL', description='Call / Phone channel')
    GENERIC_1 = strawberry.enum_value('GENERIC_1', description='Custom generic channel 1')
    GENERIC_2 = strawberry.enum_value('GENERIC_2', description='Custom generic channel 2')
    GENERIC_3 = strawberry.enum_value('GENERIC_3', description='Custom generic channel 3')
    VIDEO = strawberry.enum_value('VIDEO', description='Video channel')
    MAIL = strawberry.enum_value('MAIL', description='Mail / Support channel')
    LIVEHELP = strawberry.enum_value('LIVEHELP', description='LiveHelp channel')
    CHAT = strawberry.enum_value('CHAT', description='Chat channel')


@strawberry.enum(description='The `PopupType` enum represents popup type.')
class PopupType(Enum):
    EXE = strawberry.enum_value('EXE', description='Executable popup')
    WEB = strawberry.enum_value('WEB', description='Web popup')


@strawberry.enum(description='The `SortDirection` enum represents sort direction for inbound interactions search.')
class SortDirection(Enum):
    ASC = strawberry.enum_value('ASC', description='Ascending direction')
    DESC = strawberry.enum_value('DESC', description='Descending direction')


@strawberry.enum(description=None)
class SortKeyAddressBookContact(Enum):
    UUID = strawberry.enum_value('UUID', description='Uuid')
    FULL_NAME = strawberry.enum_value('FULL_NAME', description='Full name')
    NAME = strawberry.enum_value('NAME', description='Name')
    SURNAME = strawberry.enum_value('SURNAME', description='Surname')
    OTHER_NAME = strawberry.enum_value('OTHER_NAME', description='Other name')
    ORGANIZATION_UUID = strawberry.enum_value('ORGANIZATION_UUID', description='Organization uuid')
    ORGANIZATION_FULL_NAME = strawberry.enum_value('ORGANIZATION_FULL_NAME', description='Organization full name')
    DEPARTMENT = strawberry.enum_value('DEPARTMENT', description='Department')
    STREET = strawberry.enum_value('STREET', description='Street')
    CITY = strawberry.enum_value('CITY', description='City')
    DISTRICT = strawberry.enum_value('DISTRICT', description='District')
    CAP = strawberry.enum_value('CAP', description='Cap')
    COUNTRY = strawberry.enum_value('COUNTRY', description='Country')
    CUSTOMER_CODE = strawberry.enum_value('CUSTOMER_CODE', description='Customer code')
    CATEGORY = strawberry.enum_value('CATEGORY', description='Category')
    NOTE = strawberry.enum_value('NOTE', description='Note')
    VIP = strawberry.enum_value('VIP', description='Vip')
    NPS = strawberry.enum_value('NPS', description='Nps')
    ROLE = strawberry.enum_value('ROLE', description='Role')
    SITE = strawberry.enum_value('SITE', description='Site')
    CUSTOM_1 = strawberry.enum_value('CUSTOM_1', description='Custom 1')
    CUSTOM_2 = strawberry.enum_value('CUSTOM_2', description='Custom 2')
    CUSTOM_3 = strawberry.enum_value('CUSTOM_3', description='Custom 3')
    CUSTOM_4 = strawberry.enum_value('CUSTOM_4', description='Custom 4')
    CUSTOM_5 = strawberry.enum_value('CUSTOM_5', description='Custom 5')
    CUSTOM_6 = strawberry.enum_value('CUSTOM_6', description='Custom 6')
    CUSTOM_7 = strawberry.enum_value('CUSTOM_7', description='Custom 7')
    CUSTOM_8 = strawberry.enum_value('CUSTOM_8', description='Custom 8')
    CUSTOM_9 = strawberry.enum_value('CUSTOM_9', description='Custom 9')
    CUSTOM_10 = strawberry.enum_value('CUSTOM_10', description='Custom 10')


@strawberry.enum(
    description='The `SortKeyInboundInteraction` enum represents sort key for inbound interactions search.')
class SortKeyInboundInteraction(Enum):
    ID = strawberry.enum_value('ID', description='Unique identifier')
    USER = strawberry.enum_value('USER', description="User's username")
    EXTEN = strawberry.enum_value('EXTEN', description="User's logged exten")
    SIP_CHANNEL = strawberry.enum_value('SIP_CHANNEL', description='SIP channel identifier')
    SKILLSET = strawberry.enum_value('SKILLSET', description='Skillset code')
    CLI = strawberry.enum_value('CLI', description='Caller Line Identification (Calling number)')
    DNIS = strawberry.enum_value('DNIS', description='Direct Number Information System (Called number)')
    START_TIME = strawberry.enum_value('START_TIME', description='Start time')
    DISTRIBUTION_TIME = strawberry.enum_value('DISTRIBUTION_TIME', description='Distribution time')
    ANSWER_BY_USER_TIME = strawberry.enum_value('ANSWER_BY_USER_TIME', description='Answer time by user')
    WAIT_DURATION_ON_USER = strawberry.enum_value('WAIT_DURATION_ON_USER', description='Ringing time on user')
    DURATION_ON_USER = strawberry.enum_value('DURATION_ON_USER', description='Connection time with user')
    END_TIME = strawberry.enum_value('END_TIME', description='End time')
    WAIT_DURATION = strawberry.enum_value('WAIT_DURATION', description='Waiting duration time in IVR')
    TOTAL_DURATION = strawberry.enum_value('TOTAL_DURATION', description='Total duration time in the system')
    SERVICE = strawberry.enum_value('SERVICE', description='Service code')
    POPUP_TYPE = strawberry.enum_value('POPUP_TYPE', description='Popup type')
    CONTEXT = strawberry.enum_value('CONTEXT', description='Time context')
    SIP_CALL_ID = strawberry.enum_value('SIP_CALL_ID', description='SIP call identifier (only for calls)')
    CUSTOMER = strawberry.enum_value('CUSTOMER', description='Customer code')
    SERVICE_PRIORITY = strawberry.enum_value('SERVICE_PRIORITY', description='Service priority')
    MULTICHANNEL_SESSION = strawberry.enum_value('MULTICHANNEL_SESSION', description='Multichannel session id')
    IVR_LABEL = strawberry.enum_value('IVR_LABEL', description='IVR node label')
    INTERVIEW_SERVICE = strawberry.enum_value('INTERVIEW_SERVICE', description='Interview (Survey) service code')
    SMARTREC = strawberry.enum_value('SMARTREC', description='Recording file (only for calls)')
    DATA = strawberry.enum_value('DATA', description='Additional data')
    QUEUE_TIME = strawberry.enum_value('QUEUE_TIME', description='Queueing time')
    QUEUE_DURATION = strawberry.enum_value('QUEUE_DURATION', description='Queueing duration time')
    WNR_ON_USER_TIME = strawberry.enum_value('WNR_ON_USER_TIME', description='WNR (after interaction work) time')
    WNR_DURATION_ON_USER = strawberry.enum_value('WNR_DURATION_ON_USER',
        description='WNR (after interaction work) duration time')
    CALL_RESULT_LEVEL_1 = strawberry.enum_value('CALL_RESULT_LEVEL_1',
        description='1st level of call result (exit code)')
    CALL_RESULT_LEVEL_2 = strawberry.enum_value('CALL_RESULT_LEVEL_2',
        description='2nd level of call result (exit code)')
    HOLD_DURATION = strawberry.enum_value('HOLD_DURATION', description='Hold duration time on user')
    CALL_TAG_NOTE_1 = strawberry.enum_value('CALL_TAG_NOTE_1', description='Call tagging note 1')
    CALL_TAG_NOTE_2 = strawberry.enum_value('CALL_TAG_NOTE_2', description='Call tagging note 2')
    CHANNEL_DESTINATION = strawberry.enum_value('CHANNEL_DESTINATION', description='Channel destination of transfer')
    SENTIMENT = strawberry.enum_value('SENTIMENT', description='Customer sentiment code')
    CONTACT_ID = strawberry.enum_value('CONTACT_ID', description='Contact UUID')
    CONTACT_USERNAME = strawberry.enum_value('CONTACT_USERNAME',
        description='Contact username (if internal of type "USER")')
    CONTACT_VALUE = strawberry.enum_value('CONTACT_VALUE', description='Contact value (e.g. phone number)')
    CONTACT_TYPE = strawberry.enum_value('CONTACT_TYPE', description='Contact type')
    CONTACT_LOOKUP_TYPE = strawberry.enum_value('CONTACT_LOOKUP_TYPE', description='Contact lookup result type')
    CENSUS_RESULT = strawberry.enum_value('CENSUS_RESULT', description='Contact censur result')
    ABANDONED_CALL = strawberry.enum_value('ABANDONED_CALL', description='Linked abandoned call id')
    CALLBACK_CALL = strawberry.enum_value('CALLBACK_CALL', description='Linked callback call id')
    GENERIC_1 = strawberry.enum_value('GENERIC_1', description='Generic custom data 1')
    GENERIC_2 = strawberry.enum_value('GENERIC_2', description='Generic custom data 2')
    GENERIC_3 = strawberry.enum_value('GENERIC_3', description='Generic custom data 3')
    GENERIC_4 = strawberry.enum_value('GENERIC_4', description='Generic custom data 4')
    GENERIC_5 = strawberry.enum_value('GENERIC_5', description='Generic custom data 5')
    LAST_UPDATE_TIME = strawberry.enum_value('LAST_UPDATE_TIME', description='Last update time')


@strawberry.enum(description='The `Status` enum represents the status of interaction.')
class Status(Enum):
    HANGUP = strawberry.enum_value('HANGUP', description='Hanging up the caller')
    CLOSED_BY_SYSTEM = strawberry.enum_value('CLOSED_BY_SYSTEM', description='Closed by the system')
    CLOSED_BY_SYSTEM_NO_SELECTION = strawberry.enum_value('CLOSED_BY_SYSTEM_NO_SELECTION',
        description='Closed by system for no selection in IVR')
    CLOSED_BY_SYSTEM_MAX_QUEUED_CALL_OVER = strawberry.enum_value('CLOSED_BY_SYSTEM_MAX_QUEUED_CALL_OVER',
        description='Closed by system for reaching the maximum number of interactions in the queue')
    CLOSED_BY_SYSTEM_MAX_CALL_OVER = strawberry.enum_value('CLOSED_BY_SYSTEM_MAX_CALL_OVER',
        description='Closed by system for reaching the maximum number of interactions')
    CLOSED_BY_SYSTEM_CALLBACK = strawberry.enum_value('CLOSED_BY_SYSTEM_CALLBACK',
        description='Closed by system for callback (phone channel)')
    CLOSED_WITH_TRANSFER = strawberry.enum_value('CLOSED_WITH_TRANSFER', description='Closed by system with transfer')
    ANSWERED_CLOSED_BY_CALLER = strawberry.enum_value('ANSWERED_CLOSED_BY_CALLER',
        description='Answered and closed by caller')
    ANSWERED_CLOSED_BY_CALLED = strawberry.enum_value('ANSWERED_CLOSED_BY_CALLED',
        description='Answered and closed by called')
    ANSWERED_WITH_BLIND_TRANSFER = strawberry.enum_value('ANSWERED_WITH_BLIND_TRANSFER',
        description='Answered and transfered (blind)')
    ANSWERED_WITH_CONSULTATION_TRANSFER = strawberry.enum_value('ANSWERED_WITH_CONSULTATION_TRANSFER',
        description='Answered and transfered with consultation')
    ERROR = strawberry.enum_value('ERROR', description='Error')


@strawberry.enum(description='The `Step` enum represents interaction step to return to the interaction type result.')
class Step(Enum):
    LAST = strawberry.enum_value('LAST', description='Last step')
    ALL = strawberry.enum_value('ALL', description='All steps')


@strawberry.enum(description='The `TransferToType` enum represents the type of transfer destination.')
class TransferToType(Enum):
    SERVICE = strawberry.enum_value('SERVICE', description='Transfer to service')
    NUMBER = strawberry.enum_value('NUMBER', description='Transfer to number')
