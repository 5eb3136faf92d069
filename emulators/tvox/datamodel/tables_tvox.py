"""The monthly TVox tables (advancedQuery type TVOX), as the document lists them.

One set per month: ``ast_calls_202005`` holds May 2020's inbound service
interactions (phone ``mc_id`` 0, video 1001, chat 1004), and so on.
"""
from __future__ import annotations

from .tabledef import table

AST_CALLS = table(
    "ast_calls_{yyyymm}", ("idlastcall", "step"),
    indexes=(("uniqueid",), ("mc_id", "step", "uniqueid"), ("mc_id", "datainizio", "orainizio"),
             ("pin", "datainizio", "mc_id", "step", "idlastcall"), ("cli",)),
    columns="""
idchiamata varchar(20)
sito_distribuzione varchar(10)
pin varchar(255)
priorita_agente int(11)
interno varchar(100)
tipochiamata char(1)
canale varchar(50)
skillset varchar(30)
cli varchar(255)
dnis varchar(255)
datainizio date
orainizio varchar(7)
datadistribuzione date
oradistribuzione varchar(7)
stato_cc varchar(30)
statochiamata varchar(3)
trasferita varchar(30)
datarispostaag1 date
orarispostaag1 varchar(7)
attesaag1 int(6)
durataag1 int(6)
datadisconnessione date
oradisconnessione varchar(7)
durataattesa int(6)
duratacomplessiva int(6)
servizio varchar(50)
grpservizio varchar(1020)
popuptype enum
popupresult text
popupinfo varchar(1000)
idlastcall varchar(100)
sito varchar(10)
uniqueid varchar(50)
priorita int(20) unsigned
contesto varchar(3)
sipcallid varchar(255)
accodamento text
cliente varchar(20)
prior_serv int(3)
step tinyint(1) unsigned
FdO tinyint(1)
pid int(11)
contatore int(11) unsigned
mc_id int(11) unsigned
mc_session varchar(100)
mc_text text
mc_description varchar(255)
ivr_label text
interview_service varchar(50)
smartrec varchar(255)
calldata varchar(1024)
data_coda date
ora_coda varchar(7)
data_wnr_ag1 date
ora_wnr_ag1 varchar(7)
durata_wnr_ag1 int(6)
durata_coda int(6)
callresult_result varchar(100)
callresult_result_level_2 varchar(100)
callresult_note1 text
callresult_note2 text
durata_hold int(11)
calltag_note1 varchar(512)
calltag_note2 varchar(512)
channel_destination enum
ccbs_user_monitor char(50)
ccbs_result enum
call_transfer_from_service char(30)
sentiment int(11)
contact_id varchar(40)
contact_username varchar(255)
contact_value varchar(255)
contact_type enum
contact_lookup_type enum
census_result varchar(100)
access_list int(10) unsigned
abandoned_call_id char(36)
callback_call_id char(36)
generico1 varchar(255)
generico2 varchar(255)
generico3 varchar(255)
generico4 varchar(255)
generico5 varchar(255)
update_time timestamp
""")

AST_CALLS_OUTBOUND = table(
    "ast_calls_outbound_{yyyymm}", ("idlastcall", "step"),
    indexes=(("uniqueid",), ("step", "uniqueid"), ("datainizio", "orainizio"), ("pin", "datainizio")),
    columns="""
idchiamata varchar(20)
sito_distribuzione varchar(10)
pin varchar(255)
priorita_agente int(11)
interno varchar(100)
tipochiamata char(1)
canale varchar(50)
skillset varchar(30)
cli varchar(255)
dnis varchar(255)
datainizio date
orainizio varchar(7)
datadistribuzione date
oradistribuzione varchar(7)
stato_cc varchar(30)
statochiamata varchar(3)
trasferita varchar(30)
datarispostaag1 date
orarispostaag1 varchar(7)
attesaag1 int(6)
durataag1 int(6)
datadisconnessione date
oradisconnessione varchar(7)
durataattesa int(6)
duratacomplessiva int(6)
servizio varchar(50)
grpservizio varchar(1020)
popuptype enum
popupresult text
popupinfo varchar(1000)
idlastcall varchar(100)
sito varchar(10)
uniqueid varchar(50)
priorita int(20) unsigned
contesto varchar(3)
sipcallid varchar(255)
accodamento text
cliente varchar(20)
prior_serv int(3)
step tinyint(1) unsigned
FdO tinyint(1)
pid int(11)
campagna int(11) unsigned
lista int(11) unsigned
id_spool_record int(11)
item_number_spool_record int(11) unsigned
run_id int(11)
contact_priority int(11)
contatore int(11) unsigned
mc_id int(11) unsigned
mc_session varchar(100)
mc_text text
mc_description varchar(255)
ivr_label text
interview_service varchar(50)
smartrec varchar(255)
calldata varchar(1024)
data_coda date
ora_coda varchar(7)
data_wnr_ag1 date
ora_wnr_ag1 varchar(7)
durata_wnr_ag1 int(6)
durata_coda int(6)
callresult_result varchar(100)
callresult_result_level_2 varchar(100)
callresult_note1 text
callresult_note2 text
durata_hold int(11)
calltag_note1 varchar(512)
calltag_note2 varchar(512)
channel_destination enum
call_transfer_from_service char(30)
sentiment int(11)
contact_id varchar(40)
contact_username varchar(255)
contact_value varchar(255)
contact_type enum
contact_lookup_type enum
access_list int(10) unsigned
abandoned_call_id char(36)
callback_call_id char(36)
generico1 varchar(255)
generico2 varchar(255)
generico3 varchar(255)
generico4 varchar(255)
generico5 varchar(255)
update_time timestamp
""")

AST_CDR = table(
    "ast_cdr_{yyyymm}", ("uniqueid", "id_node"),
    indexes=(("datainizio",),),
    columns="""
uniqueid char(50)
id_node int(3)
subevent int(11)
subevent_digit char(80)
current_uniqueid char(50)
channel varchar(255)
dstchannel varchar(255)
datainizio timestamp
datarisposta timestamp
clid char(80)
user_clid char(50)
sipcallid_clid varchar(128)
exten_type_clid enum
exten_clid char(50)
access_code varchar(10)
dnis char(80)
user_dnis char(50)
sipcallid_dnis varchar(128)
exten_type_dnis enum
exten_dnis char(50)
linea varchar(100)
durata int(10)
durata_costo int(10)
commessa varchar(1024)
id_centrale int(10)
transfer char(80)
user_transfer char(50)
privata char(50)
tipo char(10)
stato varchar(100)
call_service_status varchar(100)
webrtc_status_clid enum
janus_sessionid_clid varchar(128)
janus_handleid_clid varchar(128)
webrtc_status_dnis enum
janus_sessionid_dnis varchar(128)
janus_handleid_dnis varchar(128)
abilitazione int(10)
outbound_route int(10)
auth_code char(50)
contatore int(11)
""")

AST_IVR_RECORDS_BIS = table(
    "ast_ivr_records_bis_{yyyymm}", ("idcall", "passaggio", "nodo", "passo"),
    indexes=(),
    columns="""
idcall varchar(50)
passaggio timestamp
nodo int(5)
passo int(5)
durata int(11)
servizio varchar(30)
ntel varchar(20)
digit varchar(20)
timeout int(1)
invalid int(1)
retry int(1)
label varchar(100)
action varchar(10)
qi_evalutation varchar(100)
qi_service varchar(30)
qi_evalutation_min varchar(100)
qi_evalutation_max varchar(100)
""")

AST_CALLS_CALLBACK = table(
    "ast_calls_callback_{yyyymm}", ("id",),
    indexes=(("firstCallId",),),
    columns="""
id char(36)
score int(11)
firstCallId char(100)
closeCallId char(100)
service char(30)
type enum
escalation_time datetime(4)
solution_time datetime(4)
remove_time datetime(4)
contact_uid_generated varchar(255)
contact_id varchar(40)
contact_username varchar(255)
contact_value varchar(255)
contact_type enum
contact_last_number varchar(255)
start_time datetime(4)
last_received_time datetime(4)
last_recall_time datetime(4)
update_time datetime(4)
close_time datetime(4)
owner varchar(255)
owner_retry int(11)
user_retry int(11)
status enum
closed_result enum
last_recall_result_code varchar(100)
last_recall_owner varchar(255)
note text
""")

AST_CALLS_ABANDONED = table(
    "ast_calls_abandoned_{yyyymm}", ("id",),
    indexes=(("firstCallId",),),
    columns="""
id char(36)
score int(11)
firstCallId char(100)
closeCallId char(100)
service char(30)
contact_uid_generated varchar(255)
contact_id varchar(40)
contact_username varchar(255)
contact_value varchar(255)
contact_type enum
contact_last_number varchar(255)
start_time datetime(4)
last_received_time datetime(4)
last_recall_time datetime(4)
update_time datetime(4)
close_time datetime(4)
owner varchar(255)
owner_retry int(11)
user_retry int(11)
status enum
closed_result enum
last_recall_result_code varchar(100)
last_recall_owner varchar(255)
note text
""")

SMARTREC = table(
    "smartrec_{yyyymm}", ("filewave",),
    indexes=(("callhandle",),),
    columns="""
data date
ora varchar(7)
id_sito int(11)
codiceagente varchar(255)
sito_agente varchar(10)
dnis varchar(20)
clid varchar(20)
interno varchar(32)
idchiamata int(11)
note text
filewave varchar(255)
databackup date
labelbackup varchar(50)
durata int(11)
tipo char(1)
dati_esterni varchar(255)
callhandle varchar(255)
callhandle_linked varchar(255)
servizio varchar(50)
sito_servizio varchar(10)
is_file_moved_on_remote_disk int(11)
is_file_removed int(11)
type enum
""")

AST_PD_HISTORY = table(
    "ast_pd_history_{yyyymm}", ("id", "item_number", "campagna", "lista", "insert_time"),
    indexes=(),
    columns="""
insert_time timestamp
id int(11) unsigned
item_number int(11) unsigned
campagna int(11) unsigned
lista int(11) unsigned
phone_number varchar(255)
stato int(11)
call_result varchar(20)
tentativi int(2)
dial_sched_time int(11) unsigned
call_time int(11) unsigned
data varchar(50)
canale varchar(50)
run_id int(11)
contact_priority int(11)
contact_uuid varchar(40)
tentativi_NOANSWER int(2)
tentativi_CANCEL int(2)
tentativi_BUSY int(2)
tentativi_TVOX_CLOSED int(2)
tentativi_AMD int(2)
tentativi_CONGESTION int(2)
""")

MONTHLY_TABLES = (AST_CALLS, AST_CALLS_OUTBOUND, AST_CDR, AST_IVR_RECORDS_BIS, AST_CALLS_CALLBACK, AST_CALLS_ABANDONED, SMARTREC, AST_PD_HISTORY,)
